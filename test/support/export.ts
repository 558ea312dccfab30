import type { Store } from '../../src/graph/store';

/**
 * The whole graph as sorted JSON lines: every node with its labels and properties, every
 * relationship with its ends, type and properties. Two exports are equal when nothing changed.
 */
export async function exportGraph(store: Store): Promise<string> {
  const nodes = await store.read('MATCH (n) RETURN labels(n) AS labels, n');
  const rels = await store.read('MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, r, b.id AS to');
  const lines = [
    ...nodes.map((r) => JSON.stringify({ labels: r.labels, n: sortKeys(r.n) })),
    ...rels.map((r) => JSON.stringify({ from: r.from, type: r.type, to: r.to, r: sortKeys(r.r) })),
  ];
  return lines.sort().join('\n');
}

function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
}
