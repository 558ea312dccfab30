import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRapportSchema } from '../src/build-schema';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { CountingStore } from '../src/graph/store';
import { createLogger } from '../src/logger';
import { createServer } from '../src/server';
import { seedIfEmpty } from '../seeds/seed-if-empty';
import { DEFAULT_LIMITS } from '../src/limits-config';
import { summarize } from './stats';

/**
 * The outbox's cost on a write (issue 16): p50 of a coverage change over HTTP (assignCoverage with
 * replaceCurrent, which ends the current PARTNER_ONSITE, opens a new one and appends CoverageChanged
 * plus a CustomerIntroduction) with no webhook, with a webhook whose receiver answers at once, and
 * with one whose receiver takes 2 s, in interleaved blocks over every demo customer.
 * Run: npm run bench:events [-- --n 300].
 */
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

async function main() {
  const n = arg('n', 300);
  const warmup = 30;
  const logger = createLogger('silent');
  const inner = EmbeddedStore.inMemory();
  await bootstrapSchema(inner);
  await seedIfEmpty(inner, logger);
  const store = new CountingStore(inner);
  const server = await createServer({
    // The rate limit would throttle the loop: the benchmark measures the write, not the limiter.
    config: { host: '127.0.0.1', port: 0, env: 'production', limits: { ...DEFAULT_LIMITS, rateLimitPerMinute: 1_000_000 } },
    store,
    schema: await buildRapportSchema(),
    logger,
    webhooks: { pollMs: 200, retryBaseMs: 1000, maxBackoffMs: 10_000, maxAttempts: 5, timeoutMs: 10_000, concurrency: 8 },
  });
  const url = await server.listen();

  let delay = 0;
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        received++;
        res.writeHead(200).end();
      }, delay),
    );
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const post = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await res.json()) as { errors?: unknown[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data;
  };
  const ASSIGN = 'mutation($i: AssignCoverageInput!) { assignCoverage(input: $i) { id } }';
  const engineers = ['eng_zhou-hui', 'eng_xiao-yan'];
  // Every demo customer in turn, so that no one customer's coverage history grows enough to slow the
  // later phases (a first version wrote to one customer and measured that growth as webhook cost).
  const customers = (
    await inner.read("MATCH (c:Customer) WHERE coalesce(c.status, 'ACTIVE') = 'ACTIVE' RETURN c.id AS id ORDER BY c.id")
  ).map((r) => r.id as string);
  let step = 0;
  const base = Date.parse('2027-01-01T00:00:00Z');
  const once = async () => {
    const i = step++;
    const t0 = process.hrtime.bigint();
    await post(ASSIGN, {
      i: {
        engineerId: engineers[Math.floor(i / customers.length) % 2],
        customerId: customers[i % customers.length],
        role: 'PARTNER_ONSITE',
        replaceCurrent: true,
        from: new Date(base + i * 60_000).toISOString(),
      },
    });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };

  // The three settings take turns in short blocks (none, fast receiver, slow receiver, none, ...), so
  // that drift over the run (data growth, JIT, the machine's other load) falls on all of them alike.
  type Mode = { name: string; delay: number | null };
  const modes: Mode[] = [
    { name: 'none', delay: null },
    { name: '1 (receiver answers at once)', delay: 0 },
    { name: '1 (receiver answers after 2 s)', delay: 2000 },
  ];
  const samples = new Map<string, number[]>(modes.map((m) => [m.name, []]));
  const calls = new Map<string, number>(modes.map((m) => [m.name, 0]));
  const rounds = 6;
  const perBlock = Math.max(1, Math.round(n / rounds));
  for (let i = 0; i < warmup; i++) await once();
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      let hookId: string | null = null;
      if (mode.delay !== null) {
        delay = mode.delay;
        const { registerWebhook } = await post(
          'mutation($u: String!) { registerWebhook(input: {url: $u, eventTypes: [CoverageChanged, CustomerIntroduction]}) { webhook { id } } }',
          { u: hookUrl },
        );
        hookId = registerWebhook.webhook.id;
      }
      store.reset();
      for (let i = 0; i < perBlock; i++) samples.get(mode.name)!.push(await once());
      calls.set(mode.name, calls.get(mode.name)! + store.calls);
      if (hookId) await post('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: hookId });
    }
  }
  console.log(`${customers.length} customers written in turn; ${rounds} rounds of ${perBlock} mutations per setting, interleaved\n`);
  console.log('| webhook subscribers | mutations | p50 ms | p95 ms | mean ms | store statements per mutation (incl. worker) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const mode of modes) {
    const xs = samples.get(mode.name)!;
    const st = summarize(xs);
    const statements = Math.round((calls.get(mode.name)! / xs.length) * 10) / 10;
    console.log(`| ${mode.name} | ${st.count} | ${st.p50.toFixed(2)} | ${st.p95.toFixed(2)} | ${st.mean.toFixed(2)} | ${statements} |`);
  }
  await new Promise((r) => setTimeout(r, 500));
  console.log(
    `\nreceiver got ${received} deliveries so far; events in the outbox: ${(await inner.read('MATCH (e:Event) RETURN count(e) AS n'))[0].n}`,
  );
  await server.stop();
  receiver.closeAllConnections();
  receiver.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
