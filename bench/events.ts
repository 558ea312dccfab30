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
 * with one whose receiver takes 2 s. Run: npm run bench:events [-- --n 300].
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
  let step = 0;
  const base = Date.parse('2027-01-01T00:00:00Z');
  const once = async () => {
    const i = step++;
    const t0 = process.hrtime.bigint();
    await post(ASSIGN, {
      i: {
        engineerId: engineers[i % 2],
        customerId: 'cus_cm-urumqi',
        role: 'PARTNER_ONSITE',
        replaceCurrent: true,
        from: new Date(base + i * 60_000).toISOString(),
      },
    });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const phase = async (name: string) => {
    for (let i = 0; i < warmup; i++) await once();
    store.reset();
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push(await once());
    const s = summarize(samples);
    const statements = Math.round((store.calls / n) * 10) / 10;
    console.log(`| ${name} | ${s.count} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.mean.toFixed(2)} | ${statements} |`);
  };

  console.log('| webhook subscribers | mutations | p50 ms | p95 ms | mean ms | store statements per mutation (incl. worker) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  await phase('none');
  const { registerWebhook } = await post(
    'mutation($u: String!) { registerWebhook(input: {url: $u, eventTypes: [CoverageChanged, CustomerIntroduction]}) { webhook { id } } }',
    { u: hookUrl },
  );
  await phase('1 (receiver answers at once)');
  delay = 2000;
  await phase('1 more (receiver answers after 2 s)');
  // The customer's coverage history grows with every write: a last run without webhook shows that drift.
  await post('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: registerWebhook.webhook.id });
  await phase('none again (webhook deleted)');
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
