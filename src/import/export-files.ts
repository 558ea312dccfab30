import { createWriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { EDGE_KINDS, NODE_KINDS } from '../graph/kinds';
import { exportKind } from '../graph/repositories/export.repo';
import type { Store } from '../graph/store';

export interface ExportReport {
  dir: string;
  files: { file: string; kind: string; rows: number }[];
  durationMs: number;
}

export class ExportTargetError extends Error {}

/**
 * Writes the store's records as `<kind>.jsonl` files in `dir` (created if missing; it must hold no
 * import files already), in the format `npm run import` reads: importing the directory into an
 * empty store of either engine gives the same records, links, coverage, employments and ownerships.
 * The change history, access log and API keys are not records of the import and are not exported.
 */
export async function exportToDirectory(store: Store, dir: string): Promise<ExportReport> {
  const started = Date.now();
  await mkdir(dir, { recursive: true });
  const existing = (await readdir(dir)).filter((f) => /\.(csv|jsonl|json)$/i.test(f));
  if (existing.length)
    throw new ExportTargetError(
      `${dir} already holds import files (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''}): export into an empty directory`,
    );
  const files: ExportReport['files'] = [];
  for (const kind of [...NODE_KINDS, ...EDGE_KINDS]) {
    const file = `${kind.kind}.jsonl`;
    const out = createWriteStream(path.join(dir, file));
    let rows = 0;
    try {
      for await (const page of exportKind(store, kind)) {
        const chunk = page.map((r) => `${JSON.stringify(r)}\n`).join('');
        rows += page.length;
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    files.push({ file, kind: kind.kind, rows });
  }
  return { dir, files, durationMs: Date.now() - started };
}
