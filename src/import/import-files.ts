import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { diffFields, type ChangeEntry } from '../domain/changes';
import { labelOfId, type NodeLabel } from '../domain/ids';
import { validateRecord } from '../domain/record-validation';
import { parseIsoDateTime } from '../schema/date-time.scalar';
import { EDGE_KINDS, NODE_KINDS, kindByName, type EdgeKind, type LinkSpec, type NodeKind } from '../graph/kinds';
import { newChangeBatchId, packChangeBatch, recordChangeBatch } from '../graph/repositories/change.repo';
import { readExistingEdges, readExistingNodes, readStoredSelfLinks, type StoredRecord } from '../graph/repositories/import-read.repo';
import { edgeKey, existingIds, upsertKind, type PlainRow } from '../graph/repositories/upsert.repo';
import type { Store, TxRunner } from '../graph/store';
import type { CoverageSpan } from '../domain/coverage-rules';
import { overlaps } from '../domain/coverage';
import { checkCoverage, coveragesOfCustomers, lock, spansOf } from '../graph/invariants';
import { END_COVERAGE } from '../graph/repositories/coverage-write.repo';
import { readRecords, type ImportFormat } from './record-sources';
import { rebuildAttention } from '../graph/attention-state';

/**
 * The bulk import: files (one per record kind, CSV, JSON or JSON Lines) streamed into the store in
 * batches. Bad rows are rejected and reported by file, line and field; good rows load. Importing the
 * same data twice changes nothing: each batch's stored records are read first and only new or
 * changed records are written, each with a change-history entry in the same transaction.
 */
export type { ImportFormat } from './record-sources';

export interface ImportRowError {
  file: string;
  /** The physical line where the record starts (CSV header = line 1); 0 = the file as a whole. */
  line: number;
  /** The column / field at fault; '' when the whole record or file is. */
  field: string;
  reason: string;
}

export interface ImportFileReport {
  file: string;
  kind: string;
  /** Records read (good and bad). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportReport {
  files: ImportFileReport[];
  /** Row-level errors, ordered by file and line (at most `maxReportedErrors`; see `errorCount`). */
  errors: ImportRowError[];
  errorCount: number;
  /** False when `strict` found errors and nothing was written. */
  loaded: boolean;
  durationMs: number;
  rowsPerSecond: number;
  /** Nodes plus relationships of the loaded rows (created, updated or unchanged), per second. */
  nodesAndRelationshipsPerSecond: number;
}

export interface ImportProgress {
  phase: 'validate' | 'import';
  file: string;
  kind: string;
  /** Records read from this file so far, and how many of them were rejected. */
  rows: number;
  rejected: number;
  bytesRead: number;
  /** Null when the size is unknown. */
  totalBytes: number | null;
  /** Rows of every file in this phase, per second since the phase started. */
  rowsPerSecond: number;
  elapsedMs: number;
  /** True once, when the file is finished. */
  done: boolean;
}

export interface ImportOptions {
  /** Load nothing if any row is bad: the whole input is validated first, then written. */
  strict?: boolean;
  /** Rows per transaction (default 2000). */
  batchSize?: number;
  /** Called after every batch and when each file is done. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called for every error as it is found (the report keeps only the first `maxReportedErrors`). */
  onError?: (error: ImportRowError) => void;
  /** Who the change history names (default "system"). */
  actor?: string;
  /** How the import was started, for the change history's summary (e.g. "API import by alice"). */
  origin?: string;
  /** Errors kept in the report (default 1000); `errorCount` counts them all. */
  maxReportedErrors?: number;
  /** Stops after the batch in progress (batches already written stay written). */
  signal?: AbortSignal;
  /**
   * Coverage rows that clash with a current coverage (a second PRIMARY, an overlapping period of the
   * same engineer and role): end the old one at the row's `from` instead of rejecting the row
   * (`npm run import -- --replace-current`; importRecords(replaceCurrent: true)). See docs/rules.md.
   */
  replaceCurrent?: boolean;
}

export interface ImportSource {
  /** The name errors and the report use. */
  file: string;
  kind: string;
  format: ImportFormat;
  /** Size in bytes, when known (progress). */
  size: number | null;
  /** A fresh stream of the content (strict mode reads it twice). */
  open(): Readable;
}

/** The input cannot be imported at all (a path that does not exist, an unknown kind). */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

export class ImportAbortedError extends Error {
  constructor() {
    super('the import was interrupted; the batches written before stay written (run it again to finish: it is idempotent)');
    this.name = 'ImportAbortedError';
  }
}

export const DEFAULT_BATCH_SIZE = 2000;
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'json', 'jsonl'];
const KIND_ORDER = [...NODE_KINDS, ...EDGE_KINDS].map((k) => k.kind);

/** `customers.csv` → { kind: 'customers', format: 'csv' }; null when the name is not an import file. */
export function parseImportFileName(name: string): { kind: string; format: ImportFormat } | null {
  const m = /^(.+)\.(csv|jsonl|json)$/i.exec(name);
  if (!m || !kindByName(m[1])) return null;
  return { kind: m[1], format: m[2].toLowerCase() as ImportFormat };
}

const UNKNOWN_FILE = `is not an import file: names are <kind>.csv, <kind>.json or <kind>.jsonl, with kind one of ${KIND_ORDER.join(', ')}`;

/**
 * The sources of a file or a directory, in dependency order (NODE_KINDS, then EDGE_KINDS). Files
 * that are not import files are reported as errors, never silently skipped.
 */
export async function sourcesOfPath(fileOrDir: string): Promise<{ sources: ImportSource[]; errors: ImportRowError[] }> {
  const stat = await fsp.stat(fileOrDir).catch(() => null);
  if (!stat) throw new ImportInputError(`${fileOrDir} does not exist`);
  const errors: ImportRowError[] = [];
  const sources: ImportSource[] = [];
  const fileSource = (full: string, name: string, size: number) => {
    const parsed = parseImportFileName(name);
    if (!parsed) {
      errors.push({ file: name, line: 0, field: '', reason: UNKNOWN_FILE });
      return;
    }
    sources.push({ file: name, ...parsed, size, open: () => createReadStream(full) });
  };
  if (stat.isFile()) {
    fileSource(fileOrDir, path.basename(fileOrDir), stat.size);
  } else if (stat.isDirectory()) {
    const entries = (await fsp.readdir(fileOrDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(fileOrDir, e.name);
      if (e.isDirectory()) errors.push({ file: e.name, line: 0, field: '', reason: 'is a directory: sub-directories are not imported' });
      else fileSource(full, e.name, (await fsp.stat(full)).size);
    }
    if (!entries.length)
      errors.push({ file: path.basename(fileOrDir), line: 0, field: '', reason: 'the directory holds no files to import' });
  } else {
    throw new ImportInputError(`${fileOrDir} is neither a file nor a directory`);
  }
  sources.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || IMPORT_FORMATS.indexOf(a.format) - IMPORT_FORMATS.indexOf(b.format),
  );
  return { sources, errors };
}

/** Imports a file (`customers.csv`) or a directory of them. */
export async function importPath(store: Store, fileOrDir: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const { sources, errors } = await sourcesOfPath(fileOrDir);
  return importSources(store, sources, opts, errors);
}

/** Imports records of one kind held in a string (the API path). */
export function importContent(
  store: Store,
  input: { kind: string; format: ImportFormat; content: string },
  opts: ImportOptions = {},
): Promise<ImportReport> {
  if (!kindByName(input.kind)) throw new ImportInputError(`unknown kind "${input.kind}": one of ${KIND_ORDER.join(', ')}`);
  const bytes = Buffer.from(input.content, 'utf8');
  const source: ImportSource = {
    file: `${input.kind}.${input.format}`,
    kind: input.kind,
    format: input.format,
    size: bytes.length,
    open: () => Readable.from([bytes]),
  };
  return importSources(store, [source], opts);
}

type Kind = NodeKind | EdgeKind;
const isNodeKind = (k: Kind): k is NodeKind => 'label' in k;

interface Entry {
  line: number;
  row: PlainRow;
  /** The node id, or the relationship's import key. */
  key: string;
}

interface Ref {
  field: string;
  label: NodeLabel;
  id: string;
}

/** Shared by the files of one pass. */
class Run {
  readonly errors: ImportRowError[] = [];
  errorCount = 0;
  rowsInPhase = 0;
  phaseStarted = performance.now();
  /** Strict mode's validation pass: ids of the valid records seen so far, by label. */
  readonly declared = new Map<string, Set<string>>();
  /** Strict mode's validation pass: the self-link targets of those records (`field id` → target). */
  readonly declaredSelfLinks = new Map<string, string>();

  constructor(
    readonly store: Store,
    readonly opts: Required<Pick<ImportOptions, 'batchSize' | 'actor' | 'maxReportedErrors'>> & ImportOptions,
  ) {}

  error(e: ImportRowError) {
    this.errorCount++;
    if (this.errors.length < this.opts.maxReportedErrors) this.errors.push(e);
    this.opts.onError?.(e);
  }

  startPhase() {
    this.rowsInPhase = 0;
    this.phaseStarted = performance.now();
  }
}

/** Imports sources in the order given. `preErrors` (e.g. unknown files) count as errors too. */
export async function importSources(
  store: Store,
  sources: ImportSource[],
  options: ImportOptions = {},
  preErrors: ImportRowError[] = [],
): Promise<ImportReport> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const run = new Run(store, {
    ...options,
    batchSize,
    actor: options.actor ?? 'system',
    maxReportedErrors: options.maxReportedErrors ?? 1000,
  });
  for (const e of preErrors) run.error(e);

  const pass = async (mode: 'validate' | 'import') => {
    run.startPhase();
    const files: FileRun[] = [];
    for (const source of sources) {
      const f = new FileRun(run, source, kindByName(source.kind)!, mode);
      await f.run();
      files.push(f);
    }
    return files;
  };

  let loaded = true;
  let files: FileRun[];
  if (options.strict) {
    files = await pass('validate');
    if (run.errorCount > 0) loaded = false;
    else {
      run.declared.clear();
      run.declaredSelfLinks.clear();
      files = await pass('import');
    }
  } else {
    files = await pass('import');
  }
  // Batches that touched many customers dropped their attention states (issue 15): build them again.
  if (loaded) await rebuildAttention(store);

  const durationMs = Math.round(performance.now() - started);
  const seconds = Math.max(durationMs, 1) / 1000;
  const order = new Map([...preErrors.map((e) => e.file), ...sources.map((s) => s.file)].map((f, i) => [f, i] as const));
  run.errors.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line);
  const rows = files.reduce((n, f) => n + f.rows, 0);
  return {
    files: files.map((f) => f.report(loaded)),
    errors: run.errors,
    errorCount: run.errorCount,
    loaded,
    durationMs,
    rowsPerSecond: Math.round(rows / seconds),
    nodesAndRelationshipsPerSecond: loaded ? Math.round(files.reduce((n, f) => n + f.graphItems, 0) / seconds) : 0,
  };
}

/** The columns a kind accepts, and those it requires. */
export function columnsOf(kind: Kind): { all: string[]; required: string[] } {
  if (isNodeKind(kind)) {
    return {
      all: [...kind.fields.map((f) => f.name), ...kind.links.map((l) => l.field)],
      required: [...kind.fields.filter((f) => f.required).map((f) => f.name), ...kind.links.filter((l) => l.required).map((l) => l.field)],
    };
  }
  const ends = [kind.from.field, kind.to.field];
  return {
    all: [...kind.fields.map((f) => f.name), ...ends],
    required: [...kind.fields.filter((f) => f.required).map((f) => f.name), ...ends],
  };
}

function headerProblems(kind: Kind, header: string[]): { field: string; reason: string }[] {
  const { all, required } = columnsOf(kind);
  const problems: { field: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) problems.push({ field: h, reason: 'appears twice in the header' });
    seen.add(h);
    if (!all.includes(h)) problems.push({ field: h, reason: `is not a column of ${kind.kind} (columns: ${all.join(', ')})` });
  }
  for (const r of required) if (!seen.has(r)) problems.push({ field: r, reason: 'is a required column and is missing from the header' });
  return problems;
}

/**
 * The change history anchors a relationship's changes on the record it describes: a coverage is
 * customer information, an employment belongs to the contact, an ownership to the case.
 */
const EDGE_ANCHOR: Record<string, 'from' | 'to'> = { coverage: 'to' };

const canonicalTime = (v: unknown): unknown => (typeof v === 'string' ? (parseIsoDateTime(v) ?? v) : v);
const sortedIds = (v: unknown): string[] => [...new Set((v as string[]) ?? [])].sort();
const emptyListAsNull = (v: unknown): unknown => (Array.isArray(v) && v.length === 0 ? null : v);

class FileRun {
  rows = 0;
  created = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  /** Nodes and relationships of the rows loaded (for the throughput figure). */
  graphItems = 0;
  private batch: Entry[] = [];
  private readonly batchKeys = new Set<string>();
  /** Rows whose reference to a record of the same kind may be satisfied later in the file. */
  private pending: Entry[] = [];
  private bytesRead: () => number = () => 0;

  constructor(
    private readonly ctx: Run,
    private readonly source: ImportSource,
    private readonly kind: Kind,
    private readonly mode: 'validate' | 'import',
  ) {}

  report(loaded: boolean): ImportFileReport {
    const written = loaded && this.mode === 'import';
    return {
      file: this.source.file,
      kind: this.kind.kind,
      rows: this.rows,
      created: written ? this.created : 0,
      updated: written ? this.updated : 0,
      unchanged: written ? this.unchanged : 0,
      rejected: this.rejected,
    };
  }

  async run(): Promise<void> {
    const input = this.source.open();
    try {
      await this.read(input);
    } finally {
      input.destroy();
    }
  }

  private async read(input: Readable): Promise<void> {
    const reader = readRecords(input, this.source.format);
    this.bytesRead = reader.bytesRead;
    const { signal } = this.ctx.opts;
    for await (const item of reader.items) {
      if (signal?.aborted) throw new ImportAbortedError();
      if ('header' in item) {
        const problems = headerProblems(this.kind, item.header);
        for (const p of problems) this.ctx.error({ file: this.source.file, line: item.line, ...p });
        if (problems.length) break;
        continue;
      }
      if ('problem' in item) {
        this.ctx.error({ file: this.source.file, line: item.line, ...item.problem });
        if (item.fatal) break;
        this.count(1, 1);
        continue;
      }
      this.count(1, 0);
      const { row, problems } = validateRecord(this.kind, item.record);
      if (problems.length) {
        this.reject(item.line, problems);
        continue;
      }
      const key = isNodeKind(this.kind) ? String(row.id) : edgeKey(this.kind, row);
      // The same record twice in one batch: the first is written before the second is compared.
      if (this.batchKeys.has(key)) await this.flush();
      this.batch.push({ line: item.line, row, key });
      this.batchKeys.add(key);
      if (this.batch.length >= this.ctx.opts.batchSize) await this.flush();
    }
    if (signal?.aborted) throw new ImportAbortedError();
    await this.flush();
    await this.flushPending();
    this.progress(true);
  }

  private count(rows: number, rejected: number) {
    this.rows += rows;
    this.rejected += rejected;
    this.ctx.rowsInPhase += rows;
  }

  private reject(line: number, problems: { field: string; reason: string }[]) {
    this.rejected++;
    for (const p of problems) this.ctx.error({ file: this.source.file, line, ...p });
  }

  private progress(done: boolean) {
    const elapsedMs = performance.now() - this.ctx.phaseStarted;
    this.ctx.opts.onProgress?.({
      phase: this.mode,
      file: this.source.file,
      kind: this.kind.kind,
      rows: this.rows,
      rejected: this.rejected,
      bytesRead: this.bytesRead(),
      totalBytes: this.source.size,
      rowsPerSecond: Math.round((this.ctx.rowsInPhase * 1000) / Math.max(elapsedMs, 1)),
      elapsedMs: Math.round(elapsedMs),
      done,
    });
  }

  private refsOf(row: PlainRow): Ref[] {
    const kind = this.kind;
    if (!isNodeKind(kind)) {
      return [
        { field: kind.from.field, label: kind.from.label, id: String(row[kind.from.field]) },
        { field: kind.to.field, label: kind.to.label, id: String(row[kind.to.field]) },
      ];
    }
    const refs: Ref[] = [];
    for (const link of kind.links) {
      const v = row[link.field];
      if (v == null) continue;
      for (const id of link.many ? (v as string[]) : [v as string]) {
        // validateRecord has checked that the id's prefix names one of the link's targets.
        refs.push({ field: link.field, label: Array.isArray(link.target) ? labelOfId(id)! : link.target, id });
      }
    }
    return refs;
  }

  /**
   * Which entries' references all exist: in the store (or, while validating for strict mode, among
   * the valid records seen so far), or among the other entries themselves for a kind that refers to
   * itself (a contact's manager). Settled to a fixpoint: an entry that refers to a rejected entry is
   * rejected too. With `allowDefer`, an entry whose only unknown references are to its own kind is
   * deferred to the end of the file, where a later row may have supplied them.
   */
  private async resolveRefs(entries: Entry[], lookup: (label: NodeLabel, ids: string[]) => Promise<Set<string>>, allowDefer: boolean) {
    const self = isNodeKind(this.kind) ? this.kind.label : null;
    const refs = entries.map((e) => this.refsOf(e.row));
    const own = new Set(self ? entries.map((e) => e.key) : []);
    const wanted = new Map<NodeLabel, Set<string>>();
    for (const list of refs) {
      for (const r of list) {
        if (r.label === self && own.has(r.id)) continue;
        let ids = wanted.get(r.label);
        if (!ids) wanted.set(r.label, (ids = new Set()));
        ids.add(r.id);
      }
    }
    const known = new Map<NodeLabel, Set<string>>();
    for (const [label, ids] of wanted) known.set(label, await lookup(label, [...ids]));

    const accepted: Entry[] = [];
    const deferred: Entry[] = [];
    const rejected: { entry: Entry; missing: Ref[] }[] = [];
    const alive = new Set(entries.map((_, i) => i));
    for (let changed = true; changed;) {
      changed = false;
      for (const i of alive) {
        const missing = refs[i].filter((r) => !(known.get(r.label)?.has(r.id) || (r.label === self && own.has(r.id))));
        if (!missing.length) continue;
        alive.delete(i);
        own.delete(entries[i].key);
        changed = true;
        const definite = missing.filter((r) => r.label !== self);
        if (allowDefer && !definite.length) deferred.push(entries[i]);
        else rejected.push({ entry: entries[i], missing: allowDefer ? definite : missing });
      }
    }
    for (const i of alive) accepted.push(entries[i]);
    return { accepted, deferred, rejected };
  }

  /** Single-valued links from this kind to itself (a contact's manager, a region's parent). */
  private selfLinks(): LinkSpec[] {
    const kind = this.kind;
    return isNodeKind(kind) ? kind.links.filter((l) => l.target === kind.label && !l.many) : [];
  }

  /**
   * References (see resolveRefs), then loops: a row whose self-link would close a loop (a contact
   * managing their own manager) is rejected, as the API refuses it; rows that relied on a rejected
   * row are then rejected in turn.
   */
  private async checkEntries(
    entries: Entry[],
    lookup: (label: NodeLabel, ids: string[]) => Promise<Set<string>>,
    storedSelfLinks: (link: LinkSpec, ids: string[]) => Promise<Map<string, string>>,
    allowDefer: boolean,
  ) {
    const first = await this.resolveRefs(entries, lookup, allowDefer);
    const rejected: { entry: Entry; missing?: Ref[]; problems?: { field: string; reason: string }[] }[] = [...first.rejected];
    const deferred = [...first.deferred];
    let accepted = first.accepted;
    for (const link of this.selfLinks()) {
      const loops = await this.loopProblems(accepted, link, storedSelfLinks);
      if (!loops.size) continue;
      rejected.push(...accepted.filter((e) => loops.has(e.key)).map((entry) => ({ entry, problems: [loops.get(entry.key)!] })));
      const again = await this.resolveRefs(
        accepted.filter((e) => !loops.has(e.key)),
        lookup,
        allowDefer,
      );
      accepted = again.accepted;
      deferred.push(...again.deferred);
      rejected.push(...again.rejected);
    }
    return { accepted, deferred, rejected };
  }

  /**
   * Walks up from each row's self-link target (through this batch's rows, then the rows declared
   * earlier in a strict validation, then the store), one store statement per level.
   */
  private async loopProblems(entries: Entry[], link: LinkSpec, stored: (link: LinkSpec, ids: string[]) => Promise<Map<string, string>>) {
    const inBatch = new Map<string, string>();
    for (const e of entries) if (e.row[link.field] != null) inBatch.set(e.key, e.row[link.field] as string);
    const declared = this.ctx.declaredSelfLinks;
    const fetched = new Map<string, string | null>();
    const walks = entries
      .filter((e) => e.row[link.field] != null)
      .map((e) => ({ entry: e, chain: [e.row[link.field] as string], loop: false, done: false }));
    const parentOf = (id: string): string | null | undefined =>
      inBatch.get(id) ?? declared.get(`${link.field} ${id}`) ?? (fetched.has(id) ? fetched.get(id)! : undefined);
    for (let depth = 0; walks.some((w) => !w.done) && depth < 10_000; depth++) {
      const unknown = new Set<string>();
      for (const w of walks) if (!w.done && parentOf(w.chain.at(-1)!) === undefined) unknown.add(w.chain.at(-1)!);
      if (unknown.size) {
        const found = await stored(link, [...unknown]);
        for (const id of unknown) fetched.set(id, found.get(id) ?? null);
      }
      for (const w of walks) {
        if (w.done) continue;
        const cur = w.chain.at(-1)!;
        if (cur === w.entry.key) {
          w.loop = w.done = true;
          continue;
        }
        const up = parentOf(cur);
        // The top of the line, or a loop above that does not pass through this row (not its doing).
        if (up == null || w.chain.includes(up)) w.done = true;
        else w.chain.push(up);
      }
    }
    const problems = new Map<string, { field: string; reason: string }>();
    for (const w of walks) {
      if (!w.loop) continue;
      const reason =
        w.chain.length === 1 ? `${w.entry.key} cannot point at itself` : `would create a cycle: ${[w.entry.key, ...w.chain].join(' → ')}`;
      problems.set(w.entry.key, { field: link.field, reason });
    }
    return problems;
  }

  private reportRejected(rejected: { entry: Entry; missing?: Ref[]; problems?: { field: string; reason: string }[] }[]) {
    for (const { entry, missing, problems } of rejected) {
      this.reject(entry.line, problems ?? missing!.map((r) => ({ field: r.field, reason: `unknown ${r.label} ${r.id}` })));
    }
  }

  private async flush(final = false): Promise<void> {
    const entries = this.batch;
    this.batch = [];
    this.batchKeys.clear();
    if (!entries.length) return;
    if (this.mode === 'validate') await this.validateEntries(entries, final);
    else await this.writeEntries(entries, final);
    this.progress(false);
  }

  /** Strict mode's first pass: checks references against the store and the valid rows seen so far. */
  private async validateEntries(entries: Entry[], final: boolean) {
    const { declared, store } = this.ctx;
    const reader = { run: (c: string, p?: Record<string, unknown>) => store.read(c, p) };
    const lookup = async (label: NodeLabel, ids: string[]) => {
      const seen = declared.get(label);
      const known = new Set(ids.filter((id) => seen?.has(id)));
      const rest = ids.filter((id) => !known.has(id));
      for (const id of await existingIds(reader, label, rest)) known.add(id);
      return known;
    };
    const checked = await this.checkEntries(
      entries,
      lookup,
      (link, ids) => readStoredSelfLinks(reader, this.kind as NodeKind, link, ids),
      !final,
    );
    const { deferred, rejected } = checked;
    let { accepted } = checked;
    if (this.kind.kind === 'coverage' || this.kind.kind === 'case-ownerships') {
      const rules =
        this.kind.kind === 'coverage'
          ? await coverageRowRules(reader, accepted, Boolean(this.ctx.opts.replaceCurrent))
          : await ownershipRowRules(reader, accepted, false);
      accepted = rules.accepted;
      rejected.push(...rules.rejected);
    }
    this.reportRejected(rejected);
    this.pending.push(...deferred);
    if (isNodeKind(this.kind)) {
      let ids = declared.get(this.kind.label);
      if (!ids) declared.set(this.kind.label, (ids = new Set()));
      for (const e of accepted) ids.add(e.key);
      for (const link of this.selfLinks()) {
        for (const e of accepted)
          if (e.row[link.field] != null) this.ctx.declaredSelfLinks.set(`${link.field} ${e.key}`, e.row[link.field] as string);
      }
    }
  }

  private async writeEntries(entries: Entry[], final: boolean) {
    const kind = this.kind;
    const { actor, origin } = this.ctx.opts;
    const outcome = await this.ctx.store.transaction(async (tx: TxRunner) => {
      const resolved = await this.checkEntries(
        entries,
        (label, ids) => existingIds(tx, label, ids),
        (link, ids) => readStoredSelfLinks(tx, kind as NodeKind, link, ids),
        !final,
      );
      const ended: ChangeEntry[] = [];
      if (kind.kind === 'coverage') {
        // The same rules as assignCoverage, in this transaction, under the customers' locks.
        const rules = await coverageRowRules(tx, resolved.accepted, Boolean(this.ctx.opts.replaceCurrent), { actor, origin });
        resolved.accepted = rules.accepted;
        resolved.rejected.push(...rules.rejected);
        ended.push(...rules.changes);
      }
      if (kind.kind === 'case-ownerships') {
        const rules = await ownershipRowRules(tx, resolved.accepted, true);
        resolved.accepted = rules.accepted;
        resolved.rejected.push(...rules.rejected);
      }
      const rows = resolved.accepted.map((e) => e.row);
      const stored = isNodeKind(kind) ? await readExistingNodes(tx, kind, rows) : await readExistingEdges(tx, kind, rows);
      const at = new Date().toISOString();
      const changes: ChangeEntry[] = [];
      const toWrite: PlainRow[] = [];
      const newIds = new Set<string>();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const e of resolved.accepted) {
        const before = stored.get(e.key);
        const after = this.comparable(e.row);
        const diff = diffFields(before ? this.storedComparable(before, e.row) : null, after);
        if (before && !Object.keys(diff).length) {
          unchanged++;
          continue;
        }
        if (before) updated++;
        else {
          created++;
          newIds.add(isNodeKind(kind) ? String(e.row.id) : edgeKey(kind, e.row));
        }
        toWrite.push(e.row);
        // Built field by field: an object spread per row cost ~1 µs (a tenth of this loop on medium).
        const { entityId, entityLabel } = this.anchor(e);
        changes.push({
          entityId,
          entityLabel,
          op: before ? 'UPDATE' : 'CREATE',
          actor,
          at,
          changes: diff,
          summary: this.summary(e, origin),
        });
      }
      // One change-history node per batch, not per record (change.repo.ts, recordChangeBatch). New
      // nodes are created listing the batch; the batch links itself to the other records it names.
      const batch = newChangeBatchId();
      const linked = isNodeKind(kind) ? { label: kind.label, ids: newIds } : undefined;
      const history = [...ended, ...changes];
      // The batch's history is compressed while the engine runs the first write statement (its thread
      // pool): the two overlap on two cores (issue 15, seventh round).
      const written = upsertKind(tx, kind.kind, toWrite, newIds, linked ? { changeBatch: batch } : {});
      let packed: string | undefined;
      try {
        packed = history.length ? packChangeBatch(history) : undefined;
      } catch (err) {
        written.catch(() => undefined);
        throw err;
      }
      await written;
      await recordChangeBatch(tx, history, { id: batch, linked, packed });
      return { created, updated, unchanged, ...resolved };
    });
    this.created += outcome.created;
    this.updated += outcome.updated;
    this.unchanged += outcome.unchanged;
    for (const e of outcome.accepted) this.graphItems += 1 + (isNodeKind(kind) ? this.refsOf(e.row).length : 0);
    this.reportRejected(outcome.rejected);
    this.pending.push(...outcome.deferred);
  }

  /**
   * Rows that waited for a record of their own kind from later in the file. They are written in
   * dependency order (a manager before the contacts reporting to them); rows in a cycle go last, in
   * one batch, so that they can refer to each other.
   */
  private async flushPending(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    if (!pending.length) return;
    if (this.mode === 'validate') {
      this.batch = pending;
      await this.flush(true);
      return;
    }
    const byKey = new Map<string, number[]>();
    pending.forEach((e, i) => byKey.set(e.key, [...(byKey.get(e.key) ?? []), i]));
    const self = (this.kind as NodeKind).label;
    const deps = pending.map((e, i) =>
      this.refsOf(e.row)
        .filter((r) => r.label === self)
        .flatMap((r) => byKey.get(r.id) ?? [])
        .filter((j) => j !== i),
    );
    const dependents = pending.map(() => [] as number[]);
    const waiting = deps.map((d) => d.length);
    deps.forEach((d, i) => d.forEach((j) => dependents[j].push(i)));
    const ready = waiting.flatMap((n, i) => (n === 0 ? [i] : []));
    const ordered: Entry[] = [];
    const done = new Set<number>();
    while (ready.length) {
      const i = ready.shift()!;
      done.add(i);
      ordered.push(pending[i]);
      for (const j of dependents[i]) if (--waiting[j] === 0) ready.push(j);
    }
    for (const e of ordered) {
      if (this.batchKeys.has(e.key) || this.batch.length >= this.ctx.opts.batchSize) await this.flush(true);
      this.batch.push(e);
      this.batchKeys.add(e.key);
    }
    await this.flush(true);
    const cycle = pending.filter((_, i) => !done.has(i));
    for (const e of cycle) {
      if (this.batchKeys.has(e.key)) await this.flush(true);
      this.batch.push(e);
      this.batchKeys.add(e.key);
    }
    await this.flush(true);
  }

  /** The row as the diff sees it: canonical times, link ids as sorted lists; absent links left out. */
  private comparable(row: PlainRow): PlainRow {
    const kind = this.kind;
    const out: PlainRow = {};
    for (const f of kind.fields) out[f.name] = f.type === 'string[]' ? emptyListAsNull(row[f.name]) : row[f.name];
    if (isNodeKind(kind)) {
      for (const link of kind.links) {
        const v = row[link.field];
        if (v == null) continue; // an absent link leaves the stored one alone
        out[link.field] = link.many ? sortedIds(v) : v;
      }
    } else {
      out[kind.from.field] = row[kind.from.field];
      out[kind.to.field] = row[kind.to.field];
    }
    return out;
  }

  private storedComparable(stored: StoredRecord, row: PlainRow): PlainRow {
    const kind = this.kind;
    const out: PlainRow = {};
    for (const f of kind.fields) {
      const v = stored.props[f.name] ?? null;
      out[f.name] = f.type === 'datetime' ? canonicalTime(v) : f.type === 'string[]' ? emptyListAsNull(v) : v;
    }
    if (isNodeKind(kind)) {
      for (const link of kind.links) {
        const ids = sortedIds(stored.links[link.field]);
        out[link.field] = link.many ? ids : ids.length === 0 ? null : ids.length === 1 ? ids[0] : ids;
      }
    } else {
      // The relationship was found between exactly these two records.
      out[kind.from.field] = row[kind.from.field];
      out[kind.to.field] = row[kind.to.field];
    }
    return out;
  }

  private anchor(e: Entry): { entityId: string; entityLabel: string } {
    const kind = this.kind;
    if (isNodeKind(kind)) return { entityId: e.key, entityLabel: kind.label };
    const end = EDGE_ANCHOR[kind.kind] === 'to' ? kind.to : kind.from;
    return { entityId: String(e.row[end.field]), entityLabel: end.label };
  }

  private summary(e: Entry, origin: string | undefined): string {
    const kind = this.kind;
    const what = isNodeKind(kind)
      ? `${kind.label} ${e.key}`
      : `${kind.kind} ${e.row.id ?? ''}${e.row.id ? ' ' : ''}(${e.row[kind.from.field]} → ${e.row[kind.to.field]})`;
    return `${what} imported from ${this.source.file} line ${e.line}${origin ? ` (${origin})` : ''}`;
  }
}

/**
 * The coverage rules (docs/rules.md) for import rows, in file order: each row is checked against the
 * customer's stored coverages and the rows accepted before it. A clash rejects the row (its physical
 * line), or with `replaceCurrent` ends the clashing coverage at the row's `from` — only when `write`
 * is given (the write pass; strict mode's validation pass only predicts).
 */
async function coverageRowRules(
  tx: Pick<TxRunner, 'run'>,
  entries: Entry[],
  replaceCurrent: boolean,
  write?: { actor: string; origin?: string },
): Promise<{ accepted: Entry[]; rejected: { entry: Entry; problems: { field: string; reason: string }[] }[]; changes: ChangeEntry[] }> {
  const customers = [...new Set(entries.map((e) => String(e.row.customerId)))];
  if (write) await lock(tx, 'Customer', customers);
  // One statement for the batch's customers, not one per customer.
  const spans = new Map<string, CoverageSpan[]>();
  for (const [id, list] of await coveragesOfCustomers(tx, customers)) spans.set(id, spansOf(list));
  const accepted: Entry[] = [];
  const rejected: { entry: Entry; problems: { field: string; reason: string }[] }[] = [];
  const changes: ChangeEntry[] = [];
  const at = new Date().toISOString();
  for (const e of entries) {
    const customerId = String(e.row.customerId);
    const next = {
      id: String(e.row.id),
      engineerId: String(e.row.engineerId),
      role: String(e.row.role),
      from: String(e.row.from),
      to: (e.row.to as string | null) ?? null,
    };
    const list = spans.get(customerId)!;
    let plan;
    try {
      plan = checkCoverage(list, next, customerId, replaceCurrent);
    } catch (err) {
      rejected.push({ entry: e, problems: [{ field: 'role', reason: (err as Error).message }] });
      continue;
    }
    for (const old of plan.toEnd) {
      const i = list.findIndex((c) => c.id === old.id);
      list[i] = { ...old, to: next.from };
      // A row of this file not written yet: it is written already ended.
      const earlier = accepted.find((a) => String(a.row.id) === old.id);
      if (earlier) {
        earlier.row = { ...earlier.row, to: next.from };
        continue;
      }
      if (write) {
        await tx.run(END_COVERAGE, { customerId, id: old.id, to: next.from });
        changes.push({
          entityId: customerId,
          entityLabel: 'Customer',
          op: 'UNLINK',
          actor: write.actor,
          at,
          changes: { coverage: { before: old, after: { ...old, to: next.from } } },
          summary: `${old.role} coverage ${old.id} (${old.engineerId}) ended at ${next.from}, replaced by ${next.id}${write.origin ? ` (${write.origin})` : ''}`,
        });
      }
    }
    const same = list.findIndex((c) => c.id === next.id);
    if (same >= 0) list[same] = next;
    else list.push(next);
    accepted.push(e);
  }
  return { accepted, rejected, changes };
}

const OWNERSHIPS_OF_CASES = `
UNWIND $ids AS id
MATCH (k:\`Case\` {id: id})-[o:OWNED_BY]->(e:Engineer)
RETURN id AS caseId, e.id AS engineerId, o.from AS from, o.to AS to`;

/**
 * Rule 3 for import rows: a case's ownership periods never overlap (one owner at a time). A row
 * that overlaps a stored ownership or an earlier row is rejected on its line; the same ownership
 * again (same engineer and start) is the one being re-imported.
 */
async function ownershipRowRules(tx: Pick<TxRunner, 'run'>, entries: Entry[], write: boolean) {
  const cases = [...new Set(entries.map((e) => String(e.row.caseId)))];
  if (write) await lock(tx, 'Case', cases);
  // One statement for the batch's cases, not one per case.
  const periods = new Map<string, { engineerId: string; from: string; to: string | null }[]>(cases.map((id) => [id, []]));
  if (cases.length)
    for (const r of await tx.run(OWNERSHIPS_OF_CASES, { ids: cases }))
      periods.get(r.caseId as string)?.push({ engineerId: r.engineerId as string, from: r.from as string, to: (r.to as string) ?? null });
  const accepted: Entry[] = [];
  const rejected: { entry: Entry; problems: { field: string; reason: string }[] }[] = [];
  const same = (a: { engineerId: string; from: string }, b: { engineerId: string; from: string }) =>
    a.engineerId === b.engineerId && new Date(a.from).getTime() === new Date(b.from).getTime();
  for (const e of entries) {
    const next = { engineerId: String(e.row.engineerId), from: String(e.row.from), to: (e.row.to as string | null) ?? null };
    const list = periods.get(String(e.row.caseId))!;
    const others = list.filter((o) => !same(o, next));
    const clash = others.find((o) => overlaps(o, next));
    if (clash) {
      rejected.push({
        entry: e,
        problems: [
          {
            field: 'from',
            reason: `case ${String(e.row.caseId)} already has an owner in that period: ${clash.engineerId} from ${clash.from}${clash.to ? ` to ${clash.to}` : ''} (one owner at a time)`,
          },
        ],
      });
      continue;
    }
    periods.set(String(e.row.caseId), [...others, next]);
    accepted.push(e);
  }
  return { accepted, rejected, changes: [] as ChangeEntry[] };
}
