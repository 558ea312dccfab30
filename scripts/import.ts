import 'reflect-metadata';
import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { openStore } from '../src/graph/open-store';
import type { Store } from '../src/graph/store';
import {
  DEFAULT_BATCH_SIZE,
  ImportAbortedError,
  ImportInputError,
  importPath,
  type ImportProgress,
  type ImportReport,
  type ImportRowError,
} from '../src/import/import-files';

/**
 * npm run import -- <file-or-directory> [--strict] [--replace-current] [--batch-size N] [--report errors.csv]
 *
 * Exit status: 0 everything loaded; 1 some rows (or files) were rejected, the rest loaded;
 * 2 --strict found errors and loaded nothing; 3 nothing was imported because the import could not
 * start (bad arguments, configuration, a missing path, the store unreachable or in use);
 * 4 the import failed part way (e.g. the store went away); 130 interrupted. After 4 or 130 the
 * batches written before stay written: run the same import again to finish it (it is idempotent).
 */
const USAGE = `usage: npm run import -- <file-or-directory> [--strict] [--replace-current] [--batch-size N] [--report errors.csv]

  <file-or-directory>  a file named <kind>.csv, <kind>.json or <kind>.jsonl, or a directory of them
  --strict             load nothing if any row is bad (the input is validated first, then written)
  --replace-current    a coverage row that clashes with a current coverage (a second PRIMARY...) ends
                       the old one at the row's from instead of being rejected (docs/rules.md)
  --batch-size N       rows per transaction (default ${DEFAULT_BATCH_SIZE})
  --report FILE        write the row-level errors (file,line,field,reason) to FILE instead of stderr

The store is the configured one (RAPPORT_STORE, RAPPORT_DATA_DIR, NEO4J_*; see README).`;

const EXIT = { OK: 0, REJECTED: 1, STRICT_REFUSED: 2, CANNOT_START: 3, FAILED: 4, INTERRUPTED: 130 } as const;

const fail = (message: string): never => {
  process.stderr.write(`rapport import: ${message}\n`);
  process.exit(EXIT.CANNOT_START);
};

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        strict: { type: 'boolean', default: false },
        'replace-current': { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(EXIT.OK);
  }
  if (positionals.length !== 1) fail(`expected one file or directory, got ${positionals.length}\n${USAGE}`);
  let batchSize = DEFAULT_BATCH_SIZE;
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size']);
    if (!/^\d+$/.test(values['batch-size']) || batchSize < 1 || batchSize > 100_000)
      fail(`--batch-size must be a whole number from 1 to 100000, got "${values['batch-size']}"`);
  }
  return { input: positionals[0], strict: values.strict, replaceCurrent: values['replace-current'], batchSize, reportFile: values.report };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (e: ImportRowError) => `${[e.file, e.line, e.field, e.reason].map(csvCell).join(',')}\n`;
const fmt = (n: number) => n.toLocaleString('en-US');

/** Progress: a redrawn bar on a terminal, else at most one line a second per file (and one when it ends). */
function progressPrinter(tty: boolean) {
  let lastDraw = Date.now();
  return (p: ImportProgress) => {
    const now = Date.now();
    if (!p.done && now - lastDraw < (tty ? 100 : 1000)) return;
    lastDraw = now;
    const pct = p.totalBytes ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : null;
    const phase = p.phase === 'validate' ? 'checking' : 'importing';
    const counts = `${fmt(p.rows)} rows${p.rejected ? `, ${fmt(p.rejected)} rejected` : ''}, ${fmt(p.rowsPerSecond)} rows/s`;
    if (tty) {
      const width = 24;
      const filled = pct === null ? 0 : Math.round((pct / 100) * width);
      const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
      process.stdout.write(`\r\x1b[2K${phase} ${p.file} ${bar} ${pct ?? '?'}% ${counts}${p.done ? '\n' : ''}`);
    } else {
      process.stdout.write(`${phase} ${p.file}: ${counts}${pct !== null ? ` (${pct}%)` : ''}${p.done ? ' - done' : ''}\n`);
    }
  };
}

function printSummary(report: ImportReport, opts: { strict: boolean; reportFile?: string }) {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const counts = ['rows', 'created', 'updated', 'unchanged', 'rejected'] as const;
  const cols = ['file', 'kind', ...counts] as const;
  const total = { file: 'total', kind: '', rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const f of report.files) for (const c of counts) total[c] += f[c];
  const table = [...report.files, ...(report.files.length > 1 ? [total] : [])];
  const widths = cols.map((c) => Math.max(c.length, ...table.map((r) => String(r[c]).length)));
  const line = (cells: (string | number)[]) =>
    cells.map((v, i) => (i < 2 ? String(v).padEnd(widths[i]) : String(v).padStart(widths[i]))).join('  ');
  out('');
  if (table.length) {
    out(line([...cols]));
    for (const r of table) out(line(cols.map((c) => r[c])));
  }
  const rows = total.rows || report.files.reduce((n, f) => n + f.rows, 0);
  if (report.errorCount) {
    out(
      `${fmt(report.errorCount)} error(s): ${opts.reportFile ? `written to ${opts.reportFile}` : 'listed on stderr'} as file,line,field,reason`,
    );
  }
  if (!report.loaded) {
    out(`--strict: the input has ${fmt(report.errorCount)} error(s), so nothing was loaded.`);
  } else {
    out(
      `${fmt(rows)} rows in ${(report.durationMs / 1000).toFixed(1)} s: ${fmt(report.rowsPerSecond)} rows/s, ${fmt(report.nodesAndRelationshipsPerSecond)} nodes+relationships/s`,
    );
  }
}

async function main() {
  const args = parseCommandLine();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    // e.g. the embedded data directory held by a running server: its message names the directory.
    return fail((err as Error).message);
  }
  let errorsOut: WriteStream | NodeJS.WriteStream = process.stderr;
  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nrapport import: interrupted, stopping after the batch in progress...\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  let exitCode: number = EXIT.OK;
  try {
    await bootstrapSchema(store);
    if (args.reportFile) errorsOut = createWriteStream(args.reportFile);
    let headerWritten = false;
    const onError = (e: ImportRowError) => {
      if (!headerWritten) errorsOut.write('file,line,field,reason\n');
      headerWritten = true;
      errorsOut.write(csvLine(e));
    };
    process.stdout.write(
      `Importing ${args.input} into the ${store.engine} store${config.store === 'embedded' ? ` at ${config.dataDir}` : ''}${args.strict ? ' (strict)' : ''}\n`,
    );
    const report = await importPath(store, args.input, {
      strict: args.strict,
      replaceCurrent: args.replaceCurrent,
      batchSize: args.batchSize,
      onProgress: progressPrinter(Boolean(process.stdout.isTTY)),
      onError,
      signal: abort.signal,
      // The CLI lists every error; the report object keeps only a sample.
      maxReportedErrors: 0,
    });
    if (args.reportFile && !headerWritten) errorsOut.write('file,line,field,reason\n');
    printSummary(report, args);
    exitCode = !report.loaded ? EXIT.STRICT_REFUSED : report.errorCount ? EXIT.REJECTED : EXIT.OK;
  } catch (err) {
    if (err instanceof ImportAbortedError) {
      process.stderr.write(`rapport import: ${err.message}\n`);
      exitCode = EXIT.INTERRUPTED;
    } else if (err instanceof ImportInputError) {
      process.stderr.write(`rapport import: ${err.message}\n`);
      exitCode = EXIT.CANNOT_START;
    } else {
      throw err;
    }
  } finally {
    process.off('SIGINT', onSigint);
    if (errorsOut !== process.stderr) await new Promise((r) => (errorsOut as WriteStream).end(r));
    await store.close();
  }
  process.exitCode = exitCode;
}

main().catch((err) => {
  process.stderr.write(`rapport import: failed: ${(err as Error).stack ?? err}\n`);
  process.exit(EXIT.FAILED);
});
