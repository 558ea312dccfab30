import { clashes, type CoverageSpan } from './coverage-rules';
import { overlaps, type Period } from './coverage';
import { CoverageRole } from './enums';

/**
 * The rules that hold at every instant, whatever door a write came through (mutations, handoffs,
 * the bulk import, the seed). Pure: src/graph/invariants.ts applies them inside the writing
 * transaction; tests use `findViolations` to check a whole graph read through the API.
 *
 * 1. A customer has at most one PRIMARY at any instant.
 * 2. One engineer's periods in one role on one customer never overlap.
 * 3. An open case has at most one owner at any instant (its ownership periods never overlap).
 * 4. A handoff item is completed once (DONE is final until someone reopens it).
 */

export type PeriodState = 'PAST' | 'CURRENT' | 'SCHEDULED';

/** Where a period stands at T: [from, to) half-open; a `from` after T means not yet. */
export function periodState(p: Period, at: Date | string): PeriodState {
  const t = new Date(at).getTime();
  if (new Date(p.from).getTime() > t) return 'SCHEDULED';
  if (p.to != null && new Date(p.to).getTime() <= t) return 'PAST';
  return 'CURRENT';
}

export interface Violation {
  rule: 'ONE_PRIMARY' | 'NO_OVERLAP' | 'ONE_OWNER' | 'ITEM_ONCE';
  subject: string;
  message: string;
}

export interface GraphFacts {
  coverages: (CoverageSpan & { customerId: string })[];
  ownerships: { caseId: string; engineerId: string; from: string; to?: string | null }[];
  /** Completion events per handoff item (DONE transitions recorded in the change history). */
  itemCompletions?: { itemId: string; completions: number; reopenings: number }[];
}

/** Every broken rule in a set of facts (empty = all rules hold). */
export function findViolations(facts: GraphFacts): Violation[] {
  const out: Violation[] = [];
  const byCustomer = new Map<string, GraphFacts['coverages']>();
  for (const c of facts.coverages) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c]);
  for (const [customerId, list] of byCustomer) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        if (!clashes(a, b)) continue;
        const rule = a.role === CoverageRole.PRIMARY && a.engineerId !== b.engineerId ? 'ONE_PRIMARY' : 'NO_OVERLAP';
        out.push({
          rule,
          subject: customerId,
          message: `coverages ${a.id} (${a.engineerId}) and ${b.id} (${b.engineerId}) overlap as ${a.role}`,
        });
      }
    }
  }
  const byCase = new Map<string, GraphFacts['ownerships']>();
  for (const o of facts.ownerships) byCase.set(o.caseId, [...(byCase.get(o.caseId) ?? []), o]);
  for (const [caseId, list] of byCase) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (overlaps(list[i], list[j])) {
          out.push({
            rule: 'ONE_OWNER',
            subject: caseId,
            message: `ownerships of ${list[i].engineerId} and ${list[j].engineerId} overlap`,
          });
        }
      }
    }
  }
  for (const i of facts.itemCompletions ?? []) {
    if (i.completions > i.reopenings + 1)
      out.push({ rule: 'ITEM_ONCE', subject: i.itemId, message: `completed ${i.completions} times, reopened ${i.reopenings}` });
  }
  return out;
}

/** Which customers two handoffs both hand over (a second handoff of the same engineer may not). */
export function sharedCustomers(a: string[], b: string[]): string[] {
  const set = new Set(a);
  return [...new Set(b.filter((id) => set.has(id)))];
}
