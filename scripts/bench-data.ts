import path from 'node:path';
import { DEFAULT_SEED, generateDataset, parseScale, scaleCounts } from '../bench/generate';
import { REPO_ROOT } from '../src/paths';

/**
 * npm run bench:data -- --scale small|medium|large [--out bench/data/<scale>] [--seed N] [--anchor YYYY-MM-DD]
 * Writes the benchmark graph as import files (see bench/generate.ts).
 */
export async function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    process.stdout.write(
      'usage: npm run bench:data -- --scale small|medium|large|tiny|1/<n> [--out DIR] [--seed N] [--anchor YYYY-MM-DD]\n',
    );
    return;
  }
  const { name, divisor } = parseScale(arg('scale') ?? 'small');
  const out = path.resolve(arg('out') ?? path.join(REPO_ROOT, 'bench', 'data', name));
  const seed = arg('seed') ? Number(arg('seed')) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer`);
  const counts = scaleCounts(divisor);
  process.stderr.write(`bench:data: scale ${name} (1/${divisor}) seed ${seed} → ${out}\n  ${JSON.stringify(counts)}\n`);
  const started = Date.now();
  const manifest = await generateDataset({
    out,
    divisor,
    scaleName: name,
    seed,
    anchor: arg('anchor'),
    onProgress: (m) => process.stderr.write(`${m}\n`),
  });
  const mb = manifest.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  process.stderr.write(
    `bench:data: ${manifest.nodes.toLocaleString('en')} nodes + ${manifest.relationships.toLocaleString('en')} relationships, ` +
      `${mb.toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s (anchor ${manifest.anchor}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)\n`,
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`bench:data: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
