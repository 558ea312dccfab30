import 'reflect-metadata';
import { CliStartError, openConfiguredStore } from './cli-store';
import { ExportTargetError, exportToDirectory } from '../src/import/export-files';

/**
 * npm run export -- <directory>
 * Writes the configured store's records as <kind>.jsonl files that `npm run import -- <directory>`
 * reads (into either engine). Exit status: 0 written; 3 could not start (arguments, configuration,
 * store, a directory that already holds import files); 4 failed part way.
 */
const USAGE = 'usage: npm run export -- <directory>   (the store is the configured one: RAPPORT_STORE, RAPPORT_DATA_DIR, NEO4J_*)';

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.length !== 1 || args[0].startsWith('-')) {
    process.stderr.write(`rapport export: expected one directory\n${USAGE}\n`);
    process.exit(3);
  }
  let opened;
  try {
    opened = await openConfiguredStore();
  } catch (err) {
    if (err instanceof CliStartError) {
      process.stderr.write(`rapport export: ${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  const { store } = opened;
  try {
    process.stdout.write(`Exporting the ${store.engine} store into ${args[0]}\n`);
    const report = await exportToDirectory(store, args[0]);
    for (const f of report.files) process.stdout.write(`${f.file.padEnd(24)} ${String(f.rows).padStart(9)} rows\n`);
    const total = report.files.reduce((n, f) => n + f.rows, 0);
    process.stdout.write(`${total} rows in ${(report.durationMs / 1000).toFixed(1)} s; load them with: npm run import -- ${args[0]}\n`);
  } catch (err) {
    if (err instanceof ExportTargetError) {
      process.stderr.write(`rapport export: ${err.message}\n`);
      process.exitCode = 3;
      return;
    }
    throw err;
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  process.stderr.write(`rapport export: failed: ${(err as Error).stack ?? err}\n`);
  process.exit(4);
});
