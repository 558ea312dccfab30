import type { AccessRead } from '../../auth/personal-data';
import { newId } from '../../domain/ids';
import { encodeCursor } from '../../domain/pagination';
import type { Logger } from '../../logger';
import type { Store } from '../store';

/**
 * The access log: one (:AccessLog) node per request that read personal data in clear, with the
 * people and fields it read as three parallel lists (entityIds[i], entityLabels[i], fields[i]).
 * Entries are buffered (AccessLogBuffer) and written off the request path, many requests per
 * statement. MERGE by id keeps the write idempotent when a transaction function retries it.
 */
export const RECORD_ACCESS = `
UNWIND $rows AS row
MERGE (a:AccessLog {id: row.id})
SET a.at = datetime(row.at), a.actor = row.actor, a.keyId = row.keyId, a.operation = row.operation,
  a.requestId = row.requestId, a.seq = row.seq,
  a.entityIds = row.entityIds, a.entityLabels = row.entityLabels, a.fields = row.fields`;

/** Retention: deletes up to $limit entries older than $before (run in a loop until it deletes none). */
export const PRUNE_ACCESS = `
MATCH (a:AccessLog)
WHERE a.at < datetime($before)
WITH a LIMIT $limit
DETACH DELETE a
RETURN count(*) AS n`;

/** One request's reads, as stored. */
export interface AccessLogRow {
  id: string;
  at: string;
  actor: string;
  keyId: string | null;
  operation: string;
  requestId: string;
  seq: number;
  entityIds: string[];
  entityLabels: string[];
  fields: string[];
}

/** One read, as the GraphQL API lists it (an entry of a stored request, expanded). */
export interface AccessLogRecord {
  id: string;
  at: string;
  actor: string;
  keyId?: string | null;
  entityId: string;
  entityLabel: string;
  field: string;
  operation: string;
  requestId: string;
  seq: number;
  /** The stored request entry and the read's position in it (the cursor). */
  entryId: string;
  index: number;
}

export interface AccessCursor {
  at: string;
  seq: number;
  id: string;
  index: number;
}

export const accessCursor = (raw: unknown): AccessCursor | null =>
  Array.isArray(raw) &&
  raw.length === 4 &&
  typeof raw[0] === 'string' &&
  typeof raw[1] === 'number' &&
  typeof raw[2] === 'string' &&
  Number.isInteger(raw[3])
    ? { at: raw[0], seq: raw[1], id: raw[2], index: raw[3] as number }
    : null;

const cursorOf = (a: AccessLogRecord) => encodeCursor([a.at, a.seq, a.entryId, a.index]);

// ---- statements: built from the filters actually given (8 fixed texts), no catch-all filter ----

interface Shape {
  entity: boolean;
  actor: boolean;
  after: boolean;
}
// The newest-first keyset after the cursor, on the expanded reads (entry order, then list order).
const AFTER_ENTRY = 'a.at <= datetime($afterAt)';
const AFTER_READ = `(a.at < datetime($afterAt)
   OR (a.at = datetime($afterAt) AND (a.seq < $afterSeq OR (a.seq = $afterSeq
     AND (a.id < $afterId OR (a.id = $afterId AND i > $afterIndex))))))`;
// Starts from the indexed actor when given (the embedded planner does not reorder patterns).
const start = (s: Shape) => (s.actor ? 'MATCH (a:AccessLog {actor: $actor})' : 'MATCH (a:AccessLog)');
const where = (conds: string[]) => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

function pageCypher(s: Shape): string {
  const entryConds = [...(s.entity ? ['$entityId IN a.entityIds'] : []), ...(s.after ? [AFTER_ENTRY] : [])];
  const readConds = [...(s.entity ? ['a.entityIds[i] = $entityId'] : []), ...(s.after ? [AFTER_READ] : [])];
  return `${start(s)}
${where(entryConds)}
UNWIND range(0, size(a.entityIds) - 1) AS i
WITH a, i
${where(readConds)}
RETURN a.id AS entryId, i AS index, a.at AS at, a.seq AS seq, a.actor AS actor, a.keyId AS keyId,
  a.operation AS operation, a.requestId AS requestId,
  a.entityIds[i] AS entityId, a.entityLabels[i] AS entityLabel, a.fields[i] AS field
ORDER BY at DESC, seq DESC, entryId DESC, index ASC
LIMIT $limit`;
}

function countCypher(s: Shape): string {
  if (!s.entity) return `${start(s)}\nRETURN coalesce(sum(size(a.entityIds)), 0) AS n`;
  return `${start(s)}
WHERE $entityId IN a.entityIds
UNWIND range(0, size(a.entityIds) - 1) AS i
WITH a, i
WHERE a.entityIds[i] = $entityId
RETURN count(*) AS n`;
}

const shapeKey = (s: Shape) => `${+s.entity}${+s.actor}${+s.after}`;
const PAGES = new Map<string, string>();
const COUNTS = new Map<string, string>();
for (const entity of [false, true])
  for (const actor of [false, true])
    for (const after of [false, true]) {
      const s = { entity, actor, after };
      PAGES.set(shapeKey(s), pageCypher(s));
      if (!after) COUNTS.set(shapeKey(s), countCypher(s));
    }

// ---- writing: buffered, off the request path ----

let counter = 0;

/** Groups a request's reads into access-log entries (one per request and operation). */
export function entriesOf(reads: AccessRead[]): AccessLogRow[] {
  const byRequest = new Map<string, AccessLogRow>();
  for (const r of reads) {
    const key = `${r.requestId}\u0000${r.actor}\u0000${r.keyId ?? ''}\u0000${r.operation}`;
    let entry = byRequest.get(key);
    if (!entry) {
      entry = {
        id: newId('acc'),
        at: r.at,
        actor: r.actor,
        keyId: r.keyId,
        operation: r.operation,
        requestId: r.requestId,
        // Orders entries recorded within one millisecond.
        seq: ++counter,
        entityIds: [],
        entityLabels: [],
        fields: [],
      };
      byRequest.set(key, entry);
    }
    entry.entityIds.push(r.entityId);
    entry.entityLabels.push(r.entityLabel);
    entry.fields.push(r.field);
  }
  return [...byRequest.values()];
}

export interface AccessLogBufferOptions {
  /** Write at the latest this long after the first buffered entry (default 100 ms). */
  intervalMs: number;
  /** Write at once when this many entries are buffered (default 500). */
  maxEntries: number;
  /** Entries kept for a retry while the store refuses them; older ones beyond are dropped (logged). */
  maxRetained: number;
}

const DEFAULTS: AccessLogBufferOptions = { intervalMs: 100, maxEntries: 500, maxRetained: 100_000 };

/**
 * Buffers access-log entries and writes them in one statement every `intervalMs` or `maxEntries`,
 * whichever comes first, and on `flush()` (shutdown, and before the log is read). A failed write
 * keeps the entries for the next attempt and marks the log failing: while it fails, requests that
 * would show personal data in clear are refused (recordAccess throws) until a write succeeds.
 * What a crash (kill -9) can lose: the entries of at most the last `intervalMs`.
 */
export class AccessLogBuffer {
  private pending: AccessLogRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** The last write failed and no write has succeeded since. */
  failing = false;
  logger: Logger | undefined;
  readonly options: AccessLogBufferOptions;

  constructor(
    private readonly store: Store,
    options: Partial<AccessLogBufferOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  add(entries: AccessLogRow[]): void {
    if (!entries.length) return;
    this.pending.push(...entries);
    if (this.pending.length >= this.options.maxEntries) this.background();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.background();
      }, this.options.intervalMs);
      this.timer.unref();
    }
  }

  private background() {
    this.flush().catch((err) => this.logger?.error({ err, pending: this.pending.length }, 'access log write failed; retrying'));
  }

  /** Writes everything buffered so far (one statement); rejects when the store refuses it. */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.writePending());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writePending(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.pending.length) return;
    const rows = this.pending;
    this.pending = [];
    try {
      await this.store.write(RECORD_ACCESS, { rows });
      this.failing = false;
    } catch (err) {
      this.failing = true;
      this.pending = rows.concat(this.pending);
      const excess = this.pending.length - this.options.maxRetained;
      if (excess > 0) {
        this.pending.splice(0, excess);
        this.logger?.error({ dropped: excess }, 'access log entries dropped: the store refused them too long');
      }
      // Retry later (a failing store is not hammered on every request).
      if (!this.timer) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.background();
        }, this.options.intervalMs * 10);
        this.timer.unref();
      }
      throw err;
    }
  }

  /** Flushes and stops the timer (shutdown). Entries the store refuses are logged as lost. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } catch (err) {
      this.logger?.error({ err, lost: this.pending.length }, 'access log entries lost at shutdown');
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

// One buffer per store object (the server, its routes and the admin query share the store).
const buffers = new WeakMap<Store, AccessLogBuffer>();

export function accessLogBuffer(store: Store): AccessLogBuffer {
  let buffer = buffers.get(store);
  if (!buffer) buffers.set(store, (buffer = new AccessLogBuffer(store)));
  return buffer;
}

/**
 * Records a request's unmasked reads: one entry, buffered (nothing when there are none). Throws
 * when the log is failing and still cannot be written: the caller then withholds the data.
 */
export async function recordAccess(store: Store, reads: AccessRead[]): Promise<void> {
  if (!reads.length) return;
  const buffer = accessLogBuffer(store);
  if (buffer.failing) await buffer.flush();
  buffer.add(entriesOf(reads));
}

/** Deletes entries older than `before`, in chunks; returns how many. */
export async function pruneAccessLog(store: Store, before: Date, chunk = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await store.write(PRUNE_ACCESS, { before: before.toISOString(), limit: chunk });
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < chunk) return total;
  }
}

export async function listAccessLog(
  store: Store,
  filter: { entityId: string | null; actor: string | null },
  page: { limit: number; after: AccessCursor | null },
) {
  // The log reads what was recorded up to now, buffered entries included.
  await accessLogBuffer(store).flush();
  const shape = { entity: !!filter.entityId, actor: !!filter.actor, after: !!page.after };
  const params = {
    entityId: filter.entityId,
    actor: filter.actor,
    afterAt: page.after?.at ?? null,
    afterSeq: page.after?.seq ?? null,
    afterId: page.after?.id ?? null,
    afterIndex: page.after?.index ?? null,
    limit: page.limit + 1,
  };
  const [rows, count] = await Promise.all([
    page.limit === 0 ? Promise.resolve([]) : store.read(PAGES.get(shapeKey(shape))!, params),
    store.read(COUNTS.get(shapeKey({ ...shape, after: false }))!, params),
  ]);
  const nodes: AccessLogRecord[] = rows.slice(0, page.limit).map((r) => ({
    id: `${r.entryId as string}.${r.index as number}`,
    at: r.at as string,
    actor: r.actor as string,
    keyId: (r.keyId as string | null) ?? null,
    entityId: r.entityId as string,
    entityLabel: r.entityLabel as string,
    field: r.field as string,
    operation: r.operation as string,
    requestId: r.requestId as string,
    seq: r.seq as number,
    entryId: r.entryId as string,
    index: r.index as number,
  }));
  return {
    totalCount: Number(count[0]?.n ?? 0),
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      hasPreviousPage: page.after !== null,
      hasNextPage: rows.length > page.limit,
      startCursor: nodes.length ? cursorOf(nodes[0]) : null,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]) : null,
    },
  };
}
