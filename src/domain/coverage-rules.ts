import type { FieldProblem } from '../errors';
import { overlaps } from './coverage';
import { CoverageRole } from './enums';

/** One COVERS relationship as the write rules see it. */
export interface CoverageSpan {
  id: string;
  engineerId: string;
  role: string;
  from: string;
  to?: string | null;
}

export interface CoveragePlan {
  /** Coverages the new one clashes with and that may not be ended for it. */
  conflicts: CoverageSpan[];
  /** Current coverages `replaceCurrent` ends at the new `from`. */
  toEnd: CoverageSpan[];
}

const ms = (iso: string) => new Date(iso).getTime();

/**
 * Whether an existing coverage clashes with a new one: a customer has one PRIMARY at a time (whoever
 * it is), and one engineer's periods in one role on one customer never overlap (other roles may be
 * held by several engineers at once, e.g. two BACKUPs).
 */
export function clashes(existing: CoverageSpan, next: Omit<CoverageSpan, 'id'>): boolean {
  if (existing.role !== next.role) return false;
  if (next.role !== CoverageRole.PRIMARY && existing.engineerId !== next.engineerId) return false;
  return overlaps(existing, next);
}

/**
 * Plans a new coverage against the customer's existing ones. With `replaceCurrent`, a clashing
 * coverage that began before the new one is ended at the new `from` (history is kept, not edited
 * away); one that begins at or after the new `from` cannot be ended there and stays a conflict.
 */
export function planCoverage(existing: CoverageSpan[], next: Omit<CoverageSpan, 'id'>, replaceCurrent: boolean): CoveragePlan {
  const plan: CoveragePlan = { conflicts: [], toEnd: [] };
  for (const e of existing) {
    if (!clashes(e, next)) continue;
    if (replaceCurrent && ms(e.from) < ms(next.from)) plan.toEnd.push(e);
    else plan.conflicts.push(e);
  }
  return plan;
}

const period = (c: CoverageSpan) => `from ${c.from}${c.to ? ` to ${c.to}` : ', still current'}`;

/** The CONFLICT message for a clash, naming the coverage that is in the way. */
export function describeClash(c: CoverageSpan, next: Omit<CoverageSpan, 'id'>, customerId: string, replaceCurrent = false): string {
  if (next.role === CoverageRole.PRIMARY && c.engineerId !== next.engineerId) {
    const head = `Customer ${customerId} already has a PRIMARY in that period: coverage ${c.id} (${c.engineerId}, ${period(c)}). `;
    // replaceCurrent only ends a coverage that began before the new one: say so rather than ask for it again.
    if (replaceCurrent) {
      return (
        head +
        `replaceCurrent cannot end it at ${next.from} because it begins at or after that time: end or change it first, or start the new coverage after ${c.from}.`
      );
    }
    return head + "End it first, or pass replaceCurrent: true to end it at the new coverage's start.";
  }
  return `${c.engineerId} already covers ${customerId} as ${c.role} in an overlapping period: coverage ${c.id} (${period(c)})`;
}

/**
 * Ending a coverage (or an employment or an ownership) at `at`: it must end after it began, and a
 * period that has already ended by then cannot be ended again.
 */
export function endProblem(span: { from: string; to?: string | null }, at: string): { field: FieldProblem } | { ended: string } | null {
  if (ms(at) <= ms(span.from)) return { field: { field: 'at', reason: `must be after the start (${span.from})` } };
  if (span.to != null && ms(span.to) <= ms(at)) return { ended: span.to };
  return null;
}
