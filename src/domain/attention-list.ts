import type { CustomerTier } from './enums';
import { evaluateFlags, severityScore, type CustomerSnapshot, type Flag, type FlagCode } from './flags';
import { encodeCursor, pageRequest, windowOfList, type PageRequest } from './pagination';
import type { SlaPolicy } from './sla-policy';

/**
 * The attention list (issue 6): every candidate customer is assessed (flags + score), those with at
 * least one flag are ranked by score (highest first), then name, then id, and paged with a keyset
 * cursor (score, name, id), so a page boundary stays put when customers above it change.
 */

export interface RankedCustomer {
  id: string;
  name: string;
  tier: string;
}

export interface Assessment<C extends RankedCustomer = RankedCustomer> {
  customer: C;
  flags: Flag[];
  score: number;
}

export function assess<C extends RankedCustomer>(customer: C, snapshot: CustomerSnapshot, policy: SlaPolicy, now: Date): Assessment<C> {
  const flags = evaluateFlags(snapshot, policy, now);
  return { customer, flags, score: severityScore(flags, customer.tier as CustomerTier) };
}

export type AttentionKey = [score: number, name: string, id: string];
type Key = AttentionKey;
export const keyOf = (a: Assessment): Key => [a.score, a.customer.name, a.customer.id];

/** Code-point order, as Cypher's ORDER BY on strings (the customers list uses it too). */
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` ranks before `b`. */
export function compareKeys(a: Key, b: Key): number {
  return b[0] - a[0] || cmpStr(a[1], b[1]) || cmpStr(a[2], b[2]);
}

/** The customers that need attention, best first; with `flag`, only those that have that flag. */
export function rankAttention<C extends RankedCustomer>(all: Assessment<C>[], flag?: FlagCode | null): Assessment<C>[] {
  return all
    .filter((a) => a.flags.length > 0 && (!flag || a.flags.some((f) => f.code === flag)))
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
}

export const attentionCursor = (a: Assessment): string => encodeCursor(keyOf(a));

const decodeKey = (raw: unknown): Key | null =>
  Array.isArray(raw) &&
  raw.length === 3 &&
  typeof raw[0] === 'number' &&
  Number.isFinite(raw[0]) &&
  typeof raw[1] === 'string' &&
  typeof raw[2] === 'string'
    ? [raw[0], raw[1], raw[2]]
    : null;

/** Validates `first`/`last` (0..200, default first 20, not both) and decodes `after`/`before`; errors name the argument. */
export const attentionPageArgs = (
  first: number | null | undefined,
  after: string | null | undefined,
  last: number | null | undefined = null,
  before: string | null | undefined = null,
) => pageRequest({ first, after, last, before }, decodeKey);

/** A Relay page of a ranked list (`page` from attentionPageArgs): the rows between the cursors, from either end. */
export function pageAttention<A extends Assessment>(ranked: A[], page: PageRequest<Key>) {
  const firstNotBefore = (key: Key, strictly: boolean) => {
    const i = ranked.findIndex((a) => (strictly ? compareKeys(keyOf(a), key) > 0 : compareKeys(keyOf(a), key) >= 0));
    return i < 0 ? ranked.length : i;
  };
  return windowOfList(
    ranked,
    page,
    { lower: (after) => firstNotBefore(after, true), upper: (before) => firstNotBefore(before, false) },
    (a) => attentionCursor(a),
  );
}
