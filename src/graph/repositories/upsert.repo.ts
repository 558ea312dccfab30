import { labelOfId, type NodeLabel } from '../../domain/ids';
import { EDGE_KINDS, NODE_KINDS, relName, type EdgeKind, type FieldSpec, type LinkSpec, type NodeKind } from '../kinds';
import type { Row, TxRunner } from '../store';
import { touchedSet } from '../write-tracking';

/**
 * Idempotent batched writes of whole records (UNWIND over rows, MERGE by id or key): the bulk
 * import, the demo seed and test fixtures use these. Rows must already be validated and normalised
 * (see domain/records-validation.ts); temporal fields are ISO strings and stored as datetime().
 */
export type PlainRow = Record<string, unknown>;

const label = (l: NodeLabel) => `\`${l}\``;

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
 * Writes a batch of node rows and their links inside the caller's transaction. `newIds` names rows
 * the caller knows were not stored before: a new node has no links to remove, so the unlink
 * statement is skipped for them (a first import writes no unlink at all).
 */
export async function upsertNodes(tx: TxRunner, kind: NodeKind, rows: PlainRow[], newIds?: ReadonlySet<string>): Promise<void> {
  if (!rows.length) return;
  await tx.run(nodeUpsertCypher(kind), { rows });
  for (const link of kind.links) {
    const withLink = rows.filter((r) => r[link.field] != null);
    if (!withLink.length) continue;
    const targets = targetsOf(link);
    const linkRows = withLink.map((r) => ({ id: r.id, [link.field]: r[link.field] }));
    const stored = newIds ? linkRows.filter((r) => !newIds.has(String(r.id))) : linkRows;
    for (const target of targets) {
      if (stored.length) await tx.run(unlinkCypher(kind, link, target), { rows: stored });
      // A link whose target label is decided by the id prefix: each label gets its own statement.
      const subset = targets.length === 1 ? linkRows : linkRows.filter((r) => labelOfId(String(r[link.field])) === target);
      if (subset.length) await tx.run(linkCypher(kind, link, target), { rows: subset });
    }
  }
}

export async function upsertEdges(tx: TxRunner, kind: EdgeKind, rows: PlainRow[]): Promise<void> {
  if (!rows.length) return;
  await tx.run(edgeUpsertCypher(kind), { rows: rows.map((r) => ({ ...r, key: edgeKey(kind, r) })) });
}

export async function upsertKind(tx: TxRunner, kindName: string, rows: PlainRow[], newIds?: ReadonlySet<string>): Promise<void> {
  // Bulk writes (import, seed) touch every record they name and every record those rows refer to (issue 15).
  const touched = touchedSet();
  touched?.addIdsIn(rows);
  if (touched) touched.bulk = true;
  const node = NODE_KINDS.find((k) => k.kind === kindName);
  if (node) return upsertNodes(tx, node, rows, newIds);
  const edge = EDGE_KINDS.find((k) => k.kind === kindName);
  if (edge) return upsertEdges(tx, edge, rows);
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
