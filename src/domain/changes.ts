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

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

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
