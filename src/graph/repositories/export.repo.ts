import { relName, type EdgeKind, type LinkSpec, type NodeKind } from '../kinds';
import type { Row, Store, Value } from '../store';

/**
 * Reads the stored graph back as import rows (the export): one page of a kind at a time, in key
 * order, so that memory stays bounded whatever the size of the graph. The same Cypher runs on both
 * engines.
 */
const label = (l: string) => `\`${l}\``;

const linkPattern = (link: LinkSpec): string => {
  const rel = relName(link.rel);
  const target = Array.isArray(link.target) ? '(t)' : `(t:${label(link.target)})`;
  return link.direction === 'out' ? `(n)-[:${rel}]->${target}` : `(n)<-[:${rel}]-${target}`;
};

/** Columns: props (the node's properties), l0..lN (target ids of each link). */
export function exportNodesCypher(kind: NodeKind): string {
  const links = kind.links.map((link, i) => `[${linkPattern(link)} | t.id] AS l${i}`);
  return `MATCH (n:${label(kind.label)})
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN n.id AS key, n AS props${links.map((l) => `, ${l}`).join('')}`;
}

/** Columns: key, from, to (the ends' ids), props (the relationship's properties). */
export function exportEdgesCypher(kind: EdgeKind): string {
  return `MATCH (a:${label(kind.from.label)})-[r:${relName(kind.rel)}]->(b:${label(kind.to.label)})
WHERE r.key > $after
WITH a, r, b ORDER BY r.key LIMIT $limit
RETURN r.key AS key, a.id AS from, b.id AS to, r AS props`;
}

/** Stored temporal values as the ISO instants the import reads (Neo4j prints nanoseconds). */
function fieldValue(type: string, v: Value | undefined): Value | undefined {
  if (v === null || v === undefined) return undefined;
  if (type === 'datetime' && typeof v === 'string') return new Date(v).toISOString();
  if (type === 'string[]' && Array.isArray(v) && v.length === 0) return undefined;
  return v;
}

export type ExportRow = Record<string, Value>;

function nodeRow(kind: NodeKind, r: Row): ExportRow {
  const props = (r.props ?? {}) as Record<string, Value>;
  const out: ExportRow = {};
  for (const f of kind.fields) {
    const v = fieldValue(f.type, props[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  kind.links.forEach((link, i) => {
    const ids = [...new Set(((r[`l${i}`] as string[] | null) ?? []).filter((x) => typeof x === 'string'))].sort();
    if (link.many) {
      if (ids.length) out[link.field] = ids;
    } else if (ids.length) {
      out[link.field] = ids[0];
    }
  });
  return out;
}

function edgeRow(kind: EdgeKind, r: Row): ExportRow {
  const props = (r.props ?? {}) as Record<string, Value>;
  const out: ExportRow = { [kind.from.field]: r.from, [kind.to.field]: r.to };
  for (const f of kind.fields) {
    const v = fieldValue(f.type, props[f.name]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** Every stored record of a kind as import rows, a page at a time. */
export async function* exportKind(store: Store, kind: NodeKind | EdgeKind, pageSize = 2000): AsyncGenerator<ExportRow[]> {
  const isNode = 'label' in kind;
  const cypher = isNode ? exportNodesCypher(kind) : exportEdgesCypher(kind);
  let after = '';
  for (;;) {
    const rows = await store.read(cypher, { after, limit: pageSize });
    if (!rows.length) return;
    yield rows.map((r) => (isNode ? nodeRow(kind, r) : edgeRow(kind as EdgeKind, r)));
    after = rows[rows.length - 1].key as string;
    if (rows.length < pageSize) return;
  }
}
