import { labelOfId, type NodeLabel } from '../../domain/ids';
import { EDGE_KINDS, NODE_KINDS, relName, type EdgeKind, type FieldSpec, type LinkSpec, type NodeKind } from '../kinds';
import type { Row, TxRunner } from '../store';
import { touchedSet } from '../write-tracking';
import { KEYED_LABELS, pinyinKey } from '../../domain/search-key';

/**
 * Idempotent batched writes of whole records (UNWIND over rows, MERGE by id or key): the bulk
 * import, the demo seed and test fixtures use these. Rows must already be validated and normalised
 * (see domain/records-validation.ts); temporal fields are ISO strings and stored as datetime().
 */
export type PlainRow = Record<string, unknown>;

const label = (l: NodeLabel) => `\`${l}\``;

/**
 * A statement over `UNWIND $rows AS row` rewritten to read each row as a list (`row[0]`, `row[1]`…)
 * instead of a map (`row.id`, `row.name`…), with the fields in the order of their first use. The
 * engines receive the same values; handing a row over as a list spares the binding a property-name
 * conversion per field and row (issue 15: the import's parameters were ~40 % of its statement CPU on
 * the embedded engine). A field a row lacks is null in its list, as `row.field` was for the map.
 */
export interface PositionalStatement {
  text: string;
  fields: readonly string[];
}

const positionalTexts = new Map<string, PositionalStatement>();

export function positional(text: string): PositionalStatement {
  let out = positionalTexts.get(text);
  if (!out) {
    const fields: string[] = [];
    const rewritten = text.replace(/\brow\.([A-Za-z_][A-Za-z0-9_]*)/g, (_, field: string) => {
      let i = fields.indexOf(field);
      if (i < 0) i = fields.push(field) - 1;
      return `row[${i}]`;
    });
    out = { text: rewritten, fields };
    positionalTexts.set(text, out);
  }
  return out;
}

/** Runs a `UNWIND $rows AS row` statement with its rows handed over as lists (see positional). */
export function runRows(tx: TxRunner, text: string, rows: readonly PlainRow[], params: Record<string, unknown> = {}): Promise<Row[]> {
  const { text: statement, fields } = positional(text);
  return tx.run(statement, { ...params, rows: rows.map((r) => fields.map((f) => r[f] ?? null)) });
}

const setClause = (variable: string, fields: FieldSpec[], skip: string[] = []) =>
  fields
    .filter((f) => !skip.includes(f.name))
    .map((f) => (f.type === 'datetime' ? `${variable}.${f.name} = datetime(row.${f.name})` : `${variable}.${f.name} = row.${f.name}`))
    .join(', ');

export function nodeUpsertCypher(kind: NodeKind): string {
  return `UNWIND $rows AS row
MERGE (n:${label(kind.label)} {id: row.id})
SET ${setClause('n', kind.fields, ['id'])}`;
}

const arrow = (link: LinkSpec, rel: string) => (link.direction === 'out' ? `(n)-[:${rel}]->(t)` : `(n)<-[:${rel}]-(t)`);
const oldArrow = (link: LinkSpec, rel: string, targetLabel: string) =>
  link.direction === 'out' ? `(n)-[old:${rel}]->(o:${targetLabel})` : `(n)<-[old:${rel}]-(o:${targetLabel})`;

/**
 * A link is set to what the row says in two statements: links to other targets are removed, then
 * the named ones merged. A row whose field is absent (null) leaves its links alone.
 */
export function unlinkCypher(kind: NodeKind, link: LinkSpec, target: NodeLabel): string {
  const rel = relName(link.rel);
  const wanted = link.many ? `row.${link.field}` : `[row.${link.field}]`;
  return `UNWIND $rows AS row
MATCH ${oldArrow(link, rel, label(target)).replace('(n)', `(n:${label(kind.label)} {id: row.id})`)}
WHERE NOT o.id IN ${wanted}
DELETE old`;
}

export function linkCypher(kind: NodeKind, link: LinkSpec, target: NodeLabel): string {
  const rel = relName(link.rel);
  const wanted = link.many ? `row.${link.field}` : `[row.${link.field}]`;
  return `UNWIND $rows AS row
MATCH (n:${label(kind.label)} {id: row.id})
UNWIND ${wanted} AS targetId
MATCH (t:${label(target)} {id: targetId})
MERGE ${arrow(link, rel)}`;
}

export function edgeUpsertCypher(kind: EdgeKind): string {
  const rel = relName(kind.rel);
  return `UNWIND $rows AS row
MATCH (a:${label(kind.from.label)} {id: row.${kind.from.field}})
MATCH (b:${label(kind.to.label)} {id: row.${kind.to.field}})
MERGE (a)-[r:${rel} {key: row.key}]->(b)
SET ${setClause('r', kind.fields)}`;
}

/** The key that identifies one relationship of an edge kind (stable across imports). */
export const edgeKey = (kind: EdgeKind, row: PlainRow): string =>
  kind.key.includes('id') && row.id ? String(row.id) : [row[kind.from.field], row[kind.to.field], ...kind.key.map((k) => row[k])].join('|');

const targetsOf = (link: LinkSpec): NodeLabel[] => (Array.isArray(link.target) ? link.target : [link.target]);

/**
 * The fast path for rows the caller knows are not stored yet (the first import): CREATE, not MERGE,
 * and each single-valued link to another kind folded into the node's statement (its target is
 * matched first; the import has checked that it exists). Rows are grouped by which of those links
 * they carry and to which label, so the statement texts come from a small fixed set. Links to the
 * row's own kind (a manager, a parent) may name a row of the same batch: they stay separate.
 */
export function nodeCreateCypher(
  kind: NodeKind,
  folded: { link: LinkSpec; target: NodeLabel }[],
  changeBatch = false,
  searchKey = false,
): string {
  const rel = (link: LinkSpec) => relName(link.rel);
  const matches = folded.map(({ link, target }, i) => `MATCH (t${i}:${label(target)} {id: row.${link.field}})\n`).join('');
  const creates = folded
    .map(({ link }, i) => (link.direction === 'out' ? `\nCREATE (n)-[:${rel(link)}]->(t${i})` : `\nCREATE (n)<-[:${rel(link)}]-(t${i})`))
    .join('');
  // A new node listing its change batch from the start: the value LINK_CHANGE_BATCH would give it (change.repo.ts).
  // A new customer, contact or engineer with its search key: what search-keys.repo.ts's SET_SEARCH_KEYS would set.
  const set = [
    setClause('n', kind.fields, ['id']),
    changeBatch ? 'n._changeBatches = [$batch]' : '',
    searchKey ? 'n._pinyin = row._pinyin, n._pinyinOf = row.name' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `UNWIND $rows AS row
${matches}CREATE (n:${label(kind.label)} {id: row.id})${set ? `\nSET ${set}` : ''}${creates}`;
}

/**
 * Links of new nodes: no MERGE needed (nothing to match against); duplicate targets removed first.
 * A single-valued one matches its target directly (no inner UNWIND of a one-element list).
 */
export function linkCreateCypher(kind: NodeKind, link: LinkSpec, target: NodeLabel): string {
  if (link.many) return linkCypher(kind, link, target).replace(/\nMERGE /, '\nCREATE ');
  return `UNWIND $rows AS row
MATCH (n:${label(kind.label)} {id: row.id})
MATCH (t:${label(target)} {id: row.${link.field}})
CREATE ${arrow(link, relName(link.rel))}`;
}

const foldable = (kind: NodeKind, link: LinkSpec) => !link.many && !targetsOf(link).includes(kind.label);

async function createNodes(tx: TxRunner, kind: NodeKind, rows: PlainRow[], changeBatch?: string): Promise<void> {
  const single = kind.links.filter((l) => foldable(kind, l));
  const groups = new Map<string, { folded: { link: LinkSpec; target: NodeLabel }[]; rows: PlainRow[] }>();
  for (const row of rows) {
    const folded: { link: LinkSpec; target: NodeLabel }[] = [];
    for (const link of single) {
      const value = row[link.field];
      if (value == null) continue;
      const targets = targetsOf(link);
      const target = targets.length === 1 ? targets[0] : labelOfId(String(value));
      // Validation has checked the prefix; a row without a known one would be dropped by the MATCH.
      if (!target || !targets.includes(target))
        throw new Error(`${kind.label} ${String(row.id)}: ${link.field} names no ${targets.join('/')}`);
      folded.push({ link, target });
    }
    const key = folded.map((f) => `${f.link.field}:${f.target}`).join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { folded, rows: [] }));
    group.rows.push(row);
  }
  // Customers, contacts and engineers get their search key in the same statement (issue 15, seventh
  // round: the search-key hook's look-up and write were a statement pair per batch), when they have a name.
  const touched = touchedSet();
  const keyed = touched != null && (KEYED_LABELS as readonly string[]).includes(kind.label);
  if (keyed) {
    for (const group of groups.values()) {
      group.rows = group.rows.map((r) => (typeof r.name === 'string' ? { ...r, _pinyin: pinyinKey(r.name) } : r));
      for (const r of group.rows) if (r._pinyin != null) touched.keyed.add(`${kind.label} ${String(r.id)}`);
    }
  }
  for (const group of groups.values())
    await runRows(
      tx,
      nodeCreateCypher(kind, group.folded, changeBatch != null, keyed),
      group.rows,
      changeBatch != null ? { batch: changeBatch } : {},
    );
  for (const link of kind.links.filter((l) => !foldable(kind, l))) {
    const withLink = rows.filter((r) => r[link.field] != null);
    if (!withLink.length) continue;
    const targets = targetsOf(link);
    if (link.many && targets.length === 1) {
      // One row per (record, target) pair, duplicates removed: the single-valued statement, no inner UNWIND.
      const pairs = withLink.flatMap((r) => [...new Set(r[link.field] as unknown[])].map((t) => ({ id: r.id, [link.field]: t })));
      if (pairs.length) await runRows(tx, linkCreateCypher(kind, { ...link, many: false }, targets[0]), pairs);
      continue;
    }
    const linkRows = withLink.map((r) => ({
      id: r.id,
      [link.field]: link.many ? [...new Set(r[link.field] as unknown[])] : r[link.field],
    }));
    for (const target of targets) {
      const subset = targets.length === 1 ? linkRows : linkRows.filter((r) => labelOfId(String(r[link.field])) === target);
      if (subset.length) await runRows(tx, linkCreateCypher(kind, link, target), subset);
    }
  }
}

/**
 * Writes a batch of node rows and their links inside the caller's transaction. `newIds` names rows
 * the caller knows were not stored before: those take the fast path (CREATE, links folded in, no
 * links to remove); the others are merged and their links replaced.
 */
export async function upsertNodes(
  tx: TxRunner,
  kind: NodeKind,
  rows: PlainRow[],
  newIds?: ReadonlySet<string>,
  opts: UpsertOptions = {},
): Promise<void> {
  if (!rows.length) return;
  const fresh = newIds ? rows.filter((r) => newIds.has(String(r.id))) : [];
  const stored = newIds ? rows.filter((r) => !newIds.has(String(r.id))) : rows;
  if (fresh.length) await createNodes(tx, kind, fresh, opts.changeBatch);
  if (!stored.length) return;
  await runRows(tx, nodeUpsertCypher(kind), stored);
  for (const link of kind.links) {
    const withLink = stored.filter((r) => r[link.field] != null);
    if (!withLink.length) continue;
    const targets = targetsOf(link);
    const linkRows = withLink.map((r) => ({ id: r.id, [link.field]: r[link.field] }));
    for (const target of targets) {
      await runRows(tx, unlinkCypher(kind, link, target), linkRows);
      // A link whose target label is decided by the id prefix: each label gets its own statement.
      const subset = targets.length === 1 ? linkRows : linkRows.filter((r) => labelOfId(String(r[link.field])) === target);
      if (subset.length) await runRows(tx, linkCypher(kind, link, target), subset);
    }
  }
}

/** New relationships (keys the caller read back and did not find) are created, the others merged. */
export function edgeCreateCypher(kind: EdgeKind): string {
  return edgeUpsertCypher(kind).replace('MERGE (a)-[r:', 'CREATE (a)-[r:');
}

export async function upsertEdges(tx: TxRunner, kind: EdgeKind, rows: PlainRow[], newKeys?: ReadonlySet<string>): Promise<void> {
  if (!rows.length) return;
  const keyed = rows.map((r) => ({ ...r, key: edgeKey(kind, r) }));
  const fresh = newKeys ? keyed.filter((r) => newKeys.has(r.key)) : [];
  const stored = newKeys ? keyed.filter((r) => !newKeys.has(r.key)) : keyed;
  if (fresh.length) await runRows(tx, edgeCreateCypher(kind), fresh);
  if (stored.length) await runRows(tx, edgeUpsertCypher(kind), stored);
}

export interface UpsertOptions {
  /**
   * The id of the change batch that records this write (change.repo.ts, recordChangeBatch): the new
   * nodes (node kinds, `newIds`) are created listing it in `_changeBatches`, so the batch need not be
   * linked to them by a statement of its own afterwards.
   */
  changeBatch?: string;
}

/** `newIds`: ids (node kinds) or keys (edge kinds, see edgeKey) of rows known not to be stored yet. */
export async function upsertKind(
  tx: TxRunner,
  kindName: string,
  rows: PlainRow[],
  newIds?: ReadonlySet<string>,
  opts: UpsertOptions = {},
): Promise<void> {
  // Bulk writes (import, seed) touch every record they name and every record those rows refer to (issue 15).
  const touched = touchedSet();
  touched?.addIdsIn(rows);
  if (touched) touched.bulk = true;
  const node = NODE_KINDS.find((k) => k.kind === kindName);
  if (node) return upsertNodes(tx, node, rows, newIds, opts);
  const edge = EDGE_KINDS.find((k) => k.kind === kindName);
  if (edge) return upsertEdges(tx, edge, rows, newIds);
  throw new Error(`unknown record kind ${kindName}`);
}

/** Which of these ids exist under the label (for reference checks before a write). */
export async function existingIds(
  tx: { run(c: string, p?: Record<string, unknown>): Promise<Row[]> },
  target: NodeLabel,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.run(`UNWIND $ids AS id MATCH (n:${label(target)} {id: id}) RETURN n.id AS id`, { ids });
  return new Set(rows.map((r) => r.id as string));
}
