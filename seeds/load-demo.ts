import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateRecord } from '../src/domain/record-validation';
import { labelOfId } from '../src/domain/ids';
import { findViolations } from '../src/domain/invariants';
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type NodeKind } from '../src/graph/kinds';
import { upsertKind, type PlainRow } from '../src/graph/repositories/upsert.repo';
import type { Store } from '../src/graph/store';
import { REPO_ROOT } from '../src/paths';

/** The demo dataset: seeds/demo/<kind>.json, one file per record kind (the bulk-import format). */
export const DEMO_DIR = path.join(REPO_ROOT, 'seeds', 'demo');

/** Every kind in dependency order: nodes first (each links only to earlier kinds or its own), then edges. */
const KINDS: (NodeKind | EdgeKind)[] = [...NODE_KINDS, ...EDGE_KINDS];

export class DemoDataError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The demo data is broken (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'DemoDataError';
  }
}

export interface DemoData {
  /** Validated, normalised rows by kind name, in load order. */
  rows: Map<string, PlainRow[]>;
  /** Records per kind. */
  counts: Record<string, number>;
  total: number;
}

/** How many problems to list before summarising (a broken file should not flood the terminal). */
const MAX_LISTED = 50;

/**
 * Reads and validates the demo files. Every record goes through validateRecord (the same rules as the
 * bulk import); on top of that every id must be unique and every reference must name a record of the
 * dataset, so a broken seed fails here — naming file, index and field — rather than loading half linked.
 */
export function readDemo(dir = DEMO_DIR): DemoData {
  const problems: string[] = [];
  const rows = new Map<string, PlainRow[]>();
  const ids = new Set<string>();
  const rel = (file: string) => path.relative(REPO_ROOT, file) || file;

  for (const kind of KINDS) {
    const file = path.join(dir, `${kind.kind}.json`);
    if (!existsSync(file)) {
      rows.set(kind.kind, []);
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(`${rel(file)}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!Array.isArray(raw)) {
      problems.push(`${rel(file)}: must be a JSON array of ${kind.kind} records`);
      continue;
    }
    const clean: PlainRow[] = [];
    raw.forEach((record, index) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        problems.push(`${rel(file)}[${index}]: not an object`);
        return;
      }
      const { row, problems: fieldProblems } = validateRecord(kind, record as Record<string, unknown>);
      for (const p of fieldProblems) problems.push(`${rel(file)}[${index}] field ${p.field}: ${p.reason}`);
      if (typeof row.id === 'string') {
        if (ids.has(row.id)) problems.push(`${rel(file)}[${index}] field id: "${row.id}" is used twice`);
        ids.add(row.id);
      }
      clean.push(row);
    });
    rows.set(kind.kind, clean);
  }

  // References must resolve inside the dataset: the upserts would silently skip a link to nothing.
  for (const kind of KINDS) {
    const file = `${path.relative(REPO_ROOT, path.join(dir, `${kind.kind}.json`))}`;
    const refs: string[] = 'links' in kind ? kind.links.map((l) => l.field) : [kind.from.field, kind.to.field];
    (rows.get(kind.kind) ?? []).forEach((row, index) => {
      for (const field of refs) {
        const v = row[field];
        for (const id of Array.isArray(v) ? v : v == null ? [] : [v]) {
          if (typeof id === 'string' && labelOfId(id) && !ids.has(id)) {
            problems.push(`${file}[${index}] field ${field}: "${id}" is not in the demo data`);
          }
        }
      }
    });
  }

  // The rules every write path keeps (docs/rules.md): the seed is a write path too.
  const coverages = (rows.get('coverage') ?? []).map((r) => ({
    id: String(r.id),
    engineerId: String(r.engineerId),
    customerId: String(r.customerId),
    role: String(r.role),
    from: String(r.from),
    to: (r.to as string | null) ?? null,
  }));
  const ownerships = (rows.get('case-ownerships') ?? []).map((r) => ({
    caseId: String(r.caseId),
    engineerId: String(r.engineerId),
    from: String(r.from),
    to: (r.to as string | null) ?? null,
  }));
  for (const v of findViolations({ coverages, ownerships })) problems.push(`rule ${v.rule} broken at ${v.subject}: ${v.message}`);

  if (problems.length) {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED) listed.push(`... and ${problems.length - MAX_LISTED} more`);
    throw new DemoDataError(listed);
  }
  const counts: Record<string, number> = {};
  let total = 0;
  for (const [kind, list] of rows) {
    counts[kind] = list.length;
    total += list.length;
  }
  return { rows, counts, total };
}

/** Node statements delete at most this many nodes at a time (a big graph must not need one huge transaction). */
const DELETE_BATCH = 5000;

/** Deletes every node and relationship, in batches. Schema constraints and indexes stay. */
export async function deleteAll(store: Store): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await store.write(`MATCH (n) WITH n LIMIT ${DELETE_BATCH} DETACH DELETE n RETURN count(*) AS deleted`);
    const n = Number(rows[0]?.deleted ?? 0);
    deleted += n;
    if (n < DELETE_BATCH) return deleted;
  }
}

export interface LoadDemoOptions {
  /** Delete everything in the store first. */
  reset?: boolean;
  /** Another directory in the same format (tests). */
  dir?: string;
}

export interface LoadDemoResult extends DemoData {
  /** Nodes deleted by `reset`. */
  deleted: number;
}

/**
 * Loads the demo dataset: validates every record, then writes them all with the batched, idempotent
 * upserts in dependency order, in one transaction (all or nothing). Loading twice changes nothing the
 * second time. Records no change history: the demo is not anybody's edit.
 */
export async function loadDemo(store: Store, opts: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const data = readDemo(opts.dir);
  const deleted = opts.reset ? await deleteAll(store) : 0;
  await store.transaction(async (tx) => {
    for (const kind of KINDS) {
      const rows = data.rows.get(kind.kind);
      if (rows?.length) await upsertKind(tx, kind.kind, rows);
    }
  });
  return { ...data, deleted };
}
