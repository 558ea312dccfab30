import { relName, type EdgeKind, type LinkSpec, type NodeKind } from '../kinds';
import type { Row, TxRunner, Value } from '../store';
import { edgeKey, type PlainRow } from './upsert.repo';

/**
 * What the bulk import needs to know before it writes a batch: the stored state of every record in
 * the batch, read in one statement, so that only new or changed records are written (and recorded
 * in the change history). Patterns start from the nodes bound by id.
 */
const label = (l: string) => `\`${l}\``;

const linkPattern = (link: LinkSpec): string => {
  const rel = relName(link.rel);
  // A link whose target label depends on the id's prefix (a handoff item's subject) matches any node.
  const target = Array.isArray(link.target) ? '(t)' : `(t:${label(link.target)})`;
  return link.direction === 'out' ? `(n)-[:${rel}]->${target}` : `(n)<-[:${rel}]-${target}`;
};

/** Columns: key (the id), props (the node's properties), l0..lN (target ids of each link). */
export function existingNodesCypher(kind: NodeKind): string {
  const links = kind.links.map((link, i) => `[${linkPattern(link)} | t.id] AS l${i}`);
  return `UNWIND $ids AS id
MATCH (n:${label(kind.label)} {id: id})
RETURN n.id AS key, n AS props${links.map((l) => `, ${l}`).join('')}`;
}

/** Columns: key (the relationship's import key), props (its properties). */
export function existingEdgesCypher(kind: EdgeKind): string {
  return `UNWIND $rows AS row
MATCH (a:${label(kind.from.label)} {id: row.from})-[r:${relName(kind.rel)} {key: row.key}]->(b:${label(kind.to.label)} {id: row.to})
RETURN row.key AS key, r AS props`;
}

export interface StoredRecord {
  props: Record<string, Value>;
  /** Node kinds: the target ids of each link field, as stored. */
  links: Record<string, string[]>;
}

/** The stored records of a batch of node rows, by id. */
export async function readExistingNodes(tx: TxRunner, kind: NodeKind, rows: PlainRow[]): Promise<Map<string, StoredRecord>> {
  const out = new Map<string, StoredRecord>();
  if (!rows.length) return out;
  const result: Row[] = await tx.run(existingNodesCypher(kind), { ids: rows.map((r) => r.id) });
  for (const r of result) {
    const links: Record<string, string[]> = {};
    kind.links.forEach((link, i) => (links[link.field] = (r[`l${i}`] as string[] | null) ?? []));
    out.set(r.key as string, { props: (r.props ?? {}) as Record<string, Value>, links });
  }
  return out;
}

/** The stored relationships of a batch of edge rows, by edgeKey. */
export async function readExistingEdges(tx: TxRunner, kind: EdgeKind, rows: PlainRow[]): Promise<Map<string, StoredRecord>> {
  const out = new Map<string, StoredRecord>();
  if (!rows.length) return out;
  const params = rows.map((r) => ({ from: r[kind.from.field], to: r[kind.to.field], key: edgeKey(kind, r) }));
  const result: Row[] = await tx.run(existingEdgesCypher(kind), { rows: params });
  for (const r of result) out.set(r.key as string, { props: (r.props ?? {}) as Record<string, Value>, links: {} });
  return out;
}

/** The stored target of a single-valued link from a kind to itself (a contact's manager), by id. */
export function storedSelfLinkCypher(kind: NodeKind, link: LinkSpec): string {
  const rel = relName(link.rel);
  const arrow = link.direction === 'out' ? `-[:${rel}]->` : `<-[:${rel}]-`;
  return `UNWIND $ids AS id
MATCH (n:${label(kind.label)} {id: id})${arrow}(p:${label(kind.label)})
RETURN n.id AS id, p.id AS target`;
}

export async function readStoredSelfLinks(
  tx: Pick<TxRunner, 'run'>,
  kind: NodeKind,
  link: LinkSpec,
  ids: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  for (const r of await tx.run(storedSelfLinkCypher(kind, link), { ids })) out.set(r.id as string, r.target as string);
  return out;
}
