import type { FieldProblem } from '../errors';
import { EngineerStatus, RecordStatus } from './enums';

/**
 * Small rules every write path shares. Pure: the repositories load what they need, ask here, and
 * turn the answer into an error or a write.
 */

const GONE: string[] = [EngineerStatus.LEFT, EngineerStatus.ARCHIVED];

/**
 * An engineer who has LEFT or is ARCHIVED cannot take on new work (coverage, cases, promises):
 * the work would land on nobody, which is exactly how customers get forgotten.
 */
export function engineerUnavailable(engineer: { id: string; status?: unknown }, field: string): FieldProblem | null {
  const status = String(engineer.status ?? EngineerStatus.ACTIVE);
  if (!GONE.includes(status)) return null;
  return { field, reason: `engineer ${engineer.id} is ${status} and cannot be given new coverage, cases or commitments` };
}

/** New work for an archived record (a customer, a device) is refused: archive means "no longer served". */
export function archivedProblem(record: { id: string; status?: unknown }, field: string, what: string): FieldProblem | null {
  return record.status === RecordStatus.ARCHIVED ? { field, reason: `${what} ${record.id} is ARCHIVED` } : null;
}

/** `to` must come after `from` (periods are half-open: [from, to)). */
export function periodProblem(from: string, to: string | null | undefined, field = 'to', fromName = 'from'): FieldProblem | null {
  if (to == null) return null;
  return new Date(to).getTime() > new Date(from).getTime() ? null : { field, reason: `must be after ${fromName} (${from})` };
}

/**
 * Whether pointing `nodeId` at `targetId` (manager, parent region, parent customer) would close a
 * loop: the target is the node itself or the node is already above the target.
 * `chainAboveTarget` lists the ids above the target, nearest first.
 */
export function cycleProblem(nodeId: string, targetId: string, chainAboveTarget: string[], field: string): FieldProblem | null {
  if (targetId === nodeId) return { field, reason: `${nodeId} cannot point at itself` };
  const i = chainAboveTarget.indexOf(nodeId);
  if (i < 0) return null;
  const loop = [nodeId, targetId, ...chainAboveTarget.slice(0, i + 1)].join(' → ');
  return { field, reason: `would create a cycle: ${loop}` };
}

/** Whether `candidate` is later than `current` (null = never): "last update" fields never go back. */
export function isLaterThan(candidate: string, current: string | null | undefined): boolean {
  return current == null || new Date(candidate).getTime() > new Date(current).getTime();
}

/** Whether `at` falls before `start` (e.g. a status change dated before the case was opened). */
export function beforeProblem(at: string, start: string, field: string, what: string): FieldProblem | null {
  return new Date(at).getTime() < new Date(start).getTime() ? { field, reason: `must not be before ${what} (${start})` } : null;
}

/**
 * The owner of a new case when the caller names none: the customer's current PRIMARY, provided they
 * are ACTIVE — handing a new case to someone transferred or on leave is how cases end up unowned
 * (C4, C11), so then the caller must name an owner.
 */
export function defaultCaseOwner(customerId: string, primaries: { id: string; status?: unknown }[]): { engineerId: string } | FieldProblem {
  if (!primaries.length)
    return { field: 'ownerId', reason: `is required: customer ${customerId} has no current PRIMARY engineer to own the case` };
  const active = primaries.find((p) => (p.status ?? EngineerStatus.ACTIVE) === EngineerStatus.ACTIVE);
  if (!active) {
    const p = primaries[0];
    return { field: 'ownerId', reason: `is required: the PRIMARY of customer ${customerId}, ${p.id}, is ${String(p.status)}` };
  }
  return { engineerId: active.id };
}
