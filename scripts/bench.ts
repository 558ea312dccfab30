import path from 'node:path';
import { parseScale } from '../bench/generate';
import { OP_KEYS, type OpKey } from '../bench/operations';
import { runBench } from '../bench/run';
import type { Engine } from '../bench/worker';
import { REPO_ROOT } from '../src/paths';

const USAGE = `usage: npm run bench -- --scale small|medium|large [options]
  --duration S          seconds per load run (default 10)
  --direct-duration S   seconds per storage-port measurement (default: same as --duration, at most 5)
  --connections 1,32    concurrent connections per load run
  --ops card,whoCovers,customers,attention,engineerAttention,planHandoff,experts   (none: import and open the store only)
  --neo4j               also run against Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE);
                        implied when NEO4J_URI is set. The Neo4j database is EMPTIED first: use a throw-away one.
  --no-embedded         only Neo4j
  --profile auto,<op>…  CPU-profile these operations in a separate server run (default auto = the slowest; none)
  --profile-import      CPU-profile a second import too
  --batch-size N        import batch size (default 2000)
  --log-level L         server log level (default info, written to /dev/null)
  --data DIR            generated data (default bench/data/<scale>; generated when missing)
  --out DIR             results directory (default bench/out)
  --keep                keep the embedded store's temporary directory
  --store DIR           serve this existing embedded data directory instead of importing (e.g. a kept one)
  --wait-quiet S        wait up to S seconds for other processes to go quiet before starting
  --soak MINUTES        after the operations (right after opening with --ops none), a mixed load for MINUTES
                        (cards of random customers, whoCovers, customers, attention, engineer.attention, 5 %
                        logInteraction writes) with the server's RSS and JS heap sampled every 10 s; reports
                        the RSS slope of the last 5 minutes (issue 15: 10 minutes on large). The writes stay in the store.
  --soak-connections N  concurrent connections of the soak (default 8)
  --soak-reads-only     the soak's mix without its writes (to tell memory kept for data written from
                        memory kept by reads)`;

export async function main(argv: string[]) {
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, dflt: number) => {
    const v = arg(name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${v}"`);
    return n;
  };
  const { name: scale, divisor } = parseScale(arg('scale') ?? 'small');
  // --ops none: import and open only (e.g. the large scale's memory at rest).
  const ops = arg('ops') === 'none' ? [] : ((arg('ops') ?? OP_KEYS.join(',')).split(',').map((s) => s.trim()) as OpKey[]);
  for (const op of ops) if (!OP_KEYS.includes(op)) throw new Error(`unknown operation "${op}": ${OP_KEYS.join(', ')}`);
  const profileArg = arg('profile') ?? 'auto';
  const profileOps = profileArg === 'none' ? [] : (profileArg.split(',').map((s) => s.trim()) as (OpKey | 'auto')[]);
  for (const p of profileOps)
    if (p !== 'auto' && !OP_KEYS.includes(p)) throw new Error(`--profile takes auto, none or operations (${OP_KEYS.join(', ')})`);
  const engines: Engine[] = [];
  if (!argv.includes('--no-embedded')) engines.push('embedded');
  if (argv.includes('--neo4j') || process.env.NEO4J_URI) {
    if (!process.env.NEO4J_URI) throw new Error('--neo4j needs NEO4J_URI (and NEO4J_PASSWORD)');
    engines.push('neo4j');
  }
  const durationS = num('duration', 10);
  const connections = (arg('connections') ?? '1,32').split(',').map(Number);
  if (connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--connections takes positive integers, e.g. 1,32`);
  const soakConnections = num('soak-connections', 8);
  if (!Number.isInteger(soakConnections)) throw new Error(`--soak-connections takes a positive integer, got ${soakConnections}`);
  await runBench({
    scale,
    divisor,
    dataDir: path.resolve(arg('data') ?? path.join(REPO_ROOT, 'bench', 'data', scale)),
    outDir: path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench', 'out')),
    engines,
    ops,
    durationS,
    directDurationS: num('direct-duration', Math.min(durationS, 5)),
    connections,
    batchSize: num('batch-size', 2000),
    profileOps,
    profileImport: argv.includes('--profile-import'),
    logLevel: arg('log-level') ?? 'info',
    keep: argv.includes('--keep'),
    storeDir: arg('store') ? path.resolve(arg('store')!) : undefined,
    waitQuietS: arg('wait-quiet') ? num('wait-quiet', 0) : 0,
    soakMinutes: arg('soak') ? num('soak', 0) : 0,
    soakConnections,
    soakReadsOnly: argv.includes('--soak-reads-only'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
