import type { Params, Value } from './store';

/**
 * Parameters are sent as plain JSON too: a JS Date would not survive neo4j-driver (it becomes an
 * empty map), so it is turned into an ISO string; undefined becomes null.
 */
export function plainParams(params: Params | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = plainParam(v);
  return out;
}

function plainParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainParam);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plainParam(x);
    return o;
  }
  return v;
}

const GRAFEO_NODE_KEYS = new Set(['_id', '_labels']);
const GRAFEO_EDGE_KEYS = new Set(['_id', '_source', '_target', '_type']);

/** A value from @grafeo-db/js as port JSON: nodes and edges lose their engine ids. */
export function fromGrafeoValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(fromGrafeoValue);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const isNode = Array.isArray(o._labels) && '_id' in o;
    const isEdge = '_type' in o && '_source' in o && '_target' in o;
    const skip = isNode ? GRAFEO_NODE_KEYS : isEdge ? GRAFEO_EDGE_KEYS : undefined;
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(o)) {
      if (skip?.has(k)) continue;
      out[k] = fromGrafeoValue(x);
    }
    return out;
  }
  return String(v);
}
