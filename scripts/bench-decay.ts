import 'reflect-metadata';
import path from 'node:path';
import { loadDemo } from '../seeds/load-demo';
import { IMPORT_DIR } from '../bench/generate';
import { ATTENTION_QUERY, CARD_QUERY } from '../bench/operations';
import { Role } from '../src/auth/roles';
import { buildRapportSchema } from '../src/build-schema';
import { createContext } from '../src/context';
import { DEFAULT_POLICY } from '../src/domain/sla-policy';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { RECORD_ACCESS, SNAPSHOT_COVERAGE_FOR_DECAY } from './bench-decay-statements';
import type { Store } from '../src/graph/store';
import { importPath } from '../src/import/import-files';
import { createLogger } from '../src/logger';
import { createServer, type RapportServer } from '../src/server';

/**
 * Regression check of issue 15: the cost of a question must not grow with data it does not touch.
 * Two in-memory stores hold the same data (the demo, or `--data DIR` from `npm run bench:data`);
 * the second also holds `--records` access-log entries (default 1,000,000, the stored shape: one per
 * request). The customer card and attention(first: 50) run in process through the real GraphQL
 * server (executeOperation, ADMIN caller, so phones are read in clear and logged), in INTERLEAVED
 * blocks (fresh, logged, fresh, logged …) so that load from other processes hits both alike. Prints
 * p50/p95 per store, the ratio logged ÷ fresh, and the noise: the spread of the per-block p50s.
 *
 *   npm run bench:decay -- [--records N] [--data bench/data/small] [--blocks 6] [--per-block 40]
 */
const USAGE = 'usage: npm run bench:decay -- [--records 1000000] [--data DIR] [--blocks 6] [--per-block 40]';

const logger = createLogger('silent');
const ADMIN = { actor: 'user:bench', kind: 'user' as const, roles: [Role.ADMIN], regions: null };

async function fill(store: Store, data: string | undefined) {
  await bootstrapSchema(store);
  if (data) {
    const report = await importPath(store, path.join(data, IMPORT_DIR), { batchSize: 2000, actor: 'bench', origin: 'benchmark' });
    if (report.errorCount) throw new Error(`${report.errorCount} rows rejected importing ${data}`);
  } else {
    await loadDemo(store);
  }
}

/** `n` access-log entries of 8 reads each, as the buffer writes them, in chunks. */
async function addAccessLog(store: Store, n: number, customerIds: string[]) {
  const chunk = 10_000;
  const at = Date.now() - 86_400_000;
  for (let done = 0; done < n; done += chunk) {
    const rows = Array.from({ length: Math.min(chunk, n - done) }, (_, k) => {
      const i = done + k;
      return {
        id: `acc_bench${i.toString(36)}`,
        at: new Date(at + i).toISOString(),
        actor: `user:u${i % 50}`,
        keyId: null,
        operation: 'Customers',
        requestId: `r${i}`,
        seq: i,
        entityIds: Array.from({ length: 8 }, (_, j) => `con_${customerIds[(i + j) % customerIds.length]}-${j}`),
        entityLabels: Array(8).fill('Contact'),
        fields: Array.from({ length: 8 }, (_, j) => (j % 2 ? 'email' : 'phone')),
      };
    });
    await store.write(RECORD_ACCESS, { rows });
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function timeOp(server: RapportServer, store: Store, query: string, variables: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const res = await server.apollo.executeOperation(
    { query, variables },
    { contextValue: createContext({ store, requestId: 'bench', logger, principal: ADMIN, policy: DEFAULT_POLICY }) },
  );
  const ms = performance.now() - started;
  if (res.body.kind !== 'single' || res.body.singleResult.errors?.length) throw new Error(`${JSON.stringify(res.body)}`.slice(0, 500));
  return ms;
}

export async function main(argv: string[]) {
  if (argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const records = Number(arg('records') ?? 1_000_000);
  const blocks = Number(arg('blocks') ?? 6);
  const perBlock = Number(arg('per-block') ?? 40);
  const data = arg('data');
  const schema = await buildRapportSchema();

  const stores = { fresh: EmbeddedStore.inMemory() as Store, logged: EmbeddedStore.inMemory() as Store };
  const t0 = performance.now();
  await fill(stores.fresh, data);
  await fill(stores.logged, data);
  const customerIds = (await stores.fresh.read('MATCH (c:Customer) RETURN c.id AS id ORDER BY id')).map((r) => r.id as string);
  process.stdout.write(
    `data: ${data ?? 'demo'} (${customerIds.length} customers), loaded twice in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const t1 = performance.now();
  await addAccessLog(stores.logged, records, customerIds);
  const logged = (await stores.logged.read('MATCH (a:AccessLog) RETURN count(a) AS n'))[0].n;
  process.stdout.write(`access log: ${logged} entries added to the second store in ${((performance.now() - t1) / 1000).toFixed(1)} s\n`);

  const servers = {
    fresh: await createServer({ config: { host: '127.0.0.1', port: 0, env: 'production' }, store: stores.fresh, schema, logger }),
    logged: await createServer({ config: { host: '127.0.0.1', port: 0, env: 'production' }, store: stores.logged, schema, logger }),
  };
  const at = new Date().toISOString();
  type Key = keyof typeof stores;
  const ops: { name: string; run: (k: Key, n: number) => Promise<number> }[] = [
    { name: 'customer card', run: (k, n) => timeOp(servers[k], stores[k], CARD_QUERY, { id: customerIds[n % customerIds.length] }) },
    { name: 'attention(first: 50)', run: (k) => timeOp(servers[k], stores[k], ATTENTION_QUERY, { first: 50 }) },
    {
      name: 'SNAPSHOT_COVERAGE (engine, all customers)',
      run: async (k) => {
        const s = performance.now();
        await stores[k].read(SNAPSHOT_COVERAGE_FOR_DECAY, { ids: customerIds, at });
        return performance.now() - s;
      },
    },
  ];
  process.stdout.write(
    `\n| operation | fresh p50 ms | fresh p95 | +${records.toLocaleString('en')} access log p50 ms | p95 | ratio p50 | noise: block p50 range (fresh / logged) |\n|---|---:|---:|---:|---:|---:|---|\n`,
  );
  for (const op of ops) {
    const all: Record<Key, number[]> = { fresh: [], logged: [] };
    const blockP50: Record<Key, number[]> = { fresh: [], logged: [] };
    for (const k of ['fresh', 'logged'] as Key[]) for (let i = 0; i < 5; i++) await op.run(k, i); // warm-up
    for (let b = 0; b < blocks; b++) {
      for (const k of (b % 2 ? ['logged', 'fresh'] : ['fresh', 'logged']) as Key[]) {
        const xs: number[] = [];
        for (let i = 0; i < perBlock; i++) xs.push(await op.run(k, b * perBlock + i));
        all[k].push(...xs);
        blockP50[k].push(pct(xs, 50));
      }
    }
    const range = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
    process.stdout.write(
      `| ${op.name} | ${fmt(pct(all.fresh, 50))} | ${fmt(pct(all.fresh, 95))} | ${fmt(pct(all.logged, 50))} | ${fmt(pct(all.logged, 95))} | ${(pct(all.logged, 50) / pct(all.fresh, 50)).toFixed(2)} | ${range(blockP50.fresh)} / ${range(blockP50.logged)} |\n`,
    );
  }
  await servers.fresh.stop();
  await servers.logged.stop();
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
