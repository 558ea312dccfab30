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

/**
 * A value from @grafeo-db/js as port JSON: nodes and edges lose their engine ids. The engine hands
 * over fresh objects and arrays on every call, so they are converted in place where nothing has to
 * be dropped (no copy, no `Object.entries`); only nodes and edges are copied, without their engine
 * keys, in the same key order. Issue 15: this runs on every value of every row.
 */
export function fromGrafeoValue(v: unknown): Value {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'undefined':
      return null;
    case 'bigint':
      return Number(v);
    case 'object':
      if (v === null) return null;
      if (Array.isArray(v)) return fromGrafeoList(v);
      if (v instanceof Date) return v.toISOString();
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      return fromGrafeoMap(v as Record<string, unknown>);
    default:
      return String(v);
  }
}

/** Does this value need no conversion (a string, a finite or not number, a boolean or null)? */
const isPlain = (x: unknown): boolean => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

function fromGrafeoList(a: unknown[]): Value[] {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (!isPlain(x)) a[i] = fromGrafeoValue(x);
  }
  return a as Value[];
}

/** A plain object, of this realm or another (tests run in a VM context; the engine's objects do not). */
function isPlainObject(o: object): boolean {
  const proto = Object.getPrototypeOf(o) as object | null;
  return proto !== null && Object.getPrototypeOf(proto) === null;
}

function fromGrafeoMap(o: Record<string, unknown>): Value {
  const isNode = Array.isArray(o._labels) && '_id' in o;
  const isEdge = !isNode && '_type' in o && '_source' in o && '_target' in o;
  const keys = Object.keys(o);
  if (!isNode && !isEdge && isPlainObject(o)) {
    for (let i = 0; i < keys.length; i++) {
      const x = o[keys[i]];
      if (!isPlain(x)) o[keys[i]] = fromGrafeoValue(x);
    }
    return o as Record<string, Value>;
  }
  const out: Record<string, Value> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (isNode ? k === '_id' || k === '_labels' : isEdge && (k === '_id' || k === '_source' || k === '_target' || k === '_type')) continue;
    out[k] = fromGrafeoValue(o[k]);
  }
  return out;
}
