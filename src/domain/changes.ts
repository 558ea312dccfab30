/**
 * The change history: every write records who, when, which entity, and each changed field's value
 * before and after. Pure helpers; the store side is graph/repositories/change.repo.ts.
 */
export type ChangeOp = 'CREATE' | 'UPDATE' | 'ARCHIVE' | 'LINK' | 'UNLINK' | 'IMPORT';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface ChangeEntry {
  entityId: string;
  entityLabel: string;
  op: ChangeOp;
  /** Who: the caller's identity from the request context, or "system" for imports and seeds. */
  actor: string;
  /** When (ISO). */
  at: string;
  changes: Record<string, FieldChange>;
  /** A short human line, e.g. "coverage cov_x ended" (optional). */
  summary?: string | null;
}

const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Equal as JSON. Shortcuts (a bulk import compares every field of every row): the same value is
 * equal; a string and another scalar that is not the same string are not (a string's JSON is quoted,
 * a null's, number's or boolean's is not). The rest is compared serialised.
 */
const same = (a: unknown, b: unknown) => {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if ((typeof x === 'string' && isScalar(y)) || (typeof y === 'string' && isScalar(x))) return false;
  return JSON.stringify(x) === JSON.stringify(y);
};

/**
 * Field-by-field difference between a stored record (null when new) and the values being written.
 * Only fields present in `after` count; temporal values should be compared in one canonical form.
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const [k, v] of Object.entries(after)) {
    const was = before ? before[k] : null;
    if (!same(was, v)) out[k] = { before: was ?? null, after: v ?? null };
  }
  return out;
}
