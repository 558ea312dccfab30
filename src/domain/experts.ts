import { EngineerStatus } from './enums';

/**
 * Experience from the graph (issue 14, case V7: "who has fixed this model before, and can they
 * come?"). Pure scoring over what the graph layer loads in two statements: the cases on devices of
 * the model with who resolved them, and the candidate engineers with their availability and base.
 *
 * The score, in points:
 * - evidence: RESOLVED_POINTS for each case the engineer resolved (owner when it was resolved), times
 *   a recency weight that halves every HALF_LIFE_DAYS; working on a case someone else resolved is
 *   worth WORKED_POINTS (times recency);
 * - reopened: REOPEN_POINTS are taken off per reopen of a case the engineer worked on, unless he is
 *   the one who finally resolved it (his fix held);
 * - declared skills that name the model or product line: SKILL_POINTS (less than one recent fix);
 * - availability: not ACTIVE or absent now halves a positive score; each open case owned now costs
 *   LOAD_POINTS (at most MAX_LOAD_PENALTY);
 * - distance: DISTANCE_POINTS per step in the region tree between the engineer's base and the
 *   customer's region (UNKNOWN_DISTANCE steps when either is unknown; none when no region is asked).
 */
export const RESOLVED_POINTS = 10;
export const WORKED_POINTS = 2;
export const REOPEN_POINTS = 6;
export const SKILL_POINTS = 3;
export const HALF_LIFE_DAYS = 365;
export const LOAD_POINTS = 0.5;
export const MAX_LOAD_PENALTY = 5;
export const DISTANCE_POINTS = 1;
export const UNKNOWN_DISTANCE = 4;

const DAY_MS = 86_400_000;

/** One engineer's part in one case on a device of the model. */
export interface CaseEvidence {
  caseId: string;
  engineerId: string;
  /** When the case was resolved (null: open again or never resolved). */
  resolvedAt: string | null;
  reopenCount: number;
  /** The engineer owned the case when it was resolved. */
  resolver: boolean;
}

export interface RegionStep {
  id: string;
  depth: number;
}

export interface Candidate {
  id: string;
  status: string;
  skills: string[];
  absentNow: boolean;
  openCases: number;
  /** The engineer's base region and every region above it (any order). */
  regionAncestors: string[];
}

export interface ExpertQuery {
  /** Model and/or product line names: a declared skill mentioning one of them counts. */
  terms: string[];
  /** The customer's region and the regions above it (null: no region asked). */
  regionChain: RegionStep[] | null;
  now: Date;
}

export interface RankedExpert {
  engineerId: string;
  score: number;
  evidence: { resolvedCases: number; reopenedCases: number; lastResolvedAt: string | null; caseIds: string[]; declaredSkill: boolean };
  availability: { available: boolean; status: string; absentNow: boolean; openCases: number };
  regionDistance: number | null;
}

export const recencyWeight = (resolvedAt: string | null, now: Date): number => {
  if (!resolvedAt) return 1;
  const days = Math.max(0, (now.getTime() - new Date(resolvedAt).getTime()) / DAY_MS);
  return Math.pow(0.5, days / HALF_LIFE_DAYS);
};

/**
 * Steps in the region tree between an engineer's base and the customer's region. `ancestors` is the
 * base region and every region above it (unordered); `target` is the customer's region and the
 * regions above it with their distance from it. The nearest common region is the target step with
 * the lowest depth that is also above the base; in a tree its own ancestors are shared by both, so
 * the base lies (ancestors − shared) steps below it. Null when the two share no region.
 */
export function regionDistance(ancestors: string[], target: RegionStep[]): number | null {
  const above = new Set(ancestors);
  const chain = [...target].sort((a, b) => a.depth - b.depth);
  const i = chain.findIndex((s) => above.has(s.id));
  if (i < 0) return null;
  const shared = chain.length - i;
  return chain[i].depth + (above.size - shared);
}

export const declaresSkill = (skills: string[], terms: string[]): boolean => {
  const wanted = terms.map((t) => t.trim().toLowerCase()).filter(Boolean);
  return skills.some((s) => wanted.some((t) => s.toLowerCase().includes(t)));
};

/** Ranks candidates, best first (ties by engineer id). Candidates with neither evidence nor a declared skill are left out. */
export function rankExperts(evidence: CaseEvidence[], candidates: Candidate[], q: ExpertQuery): RankedExpert[] {
  const byEngineer = new Map<string, CaseEvidence[]>();
  for (const e of evidence) {
    const list = byEngineer.get(e.engineerId) ?? [];
    list.push(e);
    byEngineer.set(e.engineerId, list);
  }
  const out: RankedExpert[] = [];
  for (const c of candidates) {
    const mine = byEngineer.get(c.id) ?? [];
    const skill = declaresSkill(c.skills, q.terms);
    if (!mine.length && !skill) continue;
    let points = 0;
    const resolved = new Map<string, string | null>();
    const reopened = new Set<string>();
    for (const e of mine) {
      const w = recencyWeight(e.resolvedAt, q.now);
      if (e.resolvedAt && e.resolver) {
        points += RESOLVED_POINTS * w;
        resolved.set(e.caseId, e.resolvedAt);
      } else if (e.resolvedAt) {
        points += WORKED_POINTS * w;
      }
      // A reopen counts against those whose fix did not hold, not against whoever finally resolved it.
      if (e.reopenCount > 0 && !(e.resolvedAt && e.resolver)) {
        points -= REOPEN_POINTS * e.reopenCount * w;
        reopened.add(e.caseId);
      }
    }
    if (skill) points += SKILL_POINTS;
    const available = c.status === EngineerStatus.ACTIVE && !c.absentNow;
    if (!available && points > 0) points /= 2;
    points -= Math.min(MAX_LOAD_PENALTY, c.openCases * LOAD_POINTS);
    const distance = q.regionChain ? regionDistance(c.regionAncestors, q.regionChain) : null;
    if (q.regionChain) points -= DISTANCE_POINTS * (distance ?? UNKNOWN_DISTANCE);

    const cases = [...new Map(mine.map((e) => [e.caseId, e.resolvedAt])).entries()].sort(
      (a, b) => (b[1] ?? '').localeCompare(a[1] ?? '') || a[0].localeCompare(b[0]),
    );
    const lastResolvedAt =
      [...resolved.values()]
        .filter((x): x is string => Boolean(x))
        .sort()
        .at(-1) ?? null;
    out.push({
      engineerId: c.id,
      score: Math.round(points * 100) / 100,
      evidence: {
        resolvedCases: resolved.size,
        reopenedCases: reopened.size,
        lastResolvedAt,
        caseIds: cases.slice(0, 10).map(([id]) => id),
        declaredSkill: skill,
      },
      availability: { available, status: c.status, absentNow: c.absentNow, openCases: c.openCases },
      regionDistance: distance,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.engineerId.localeCompare(b.engineerId));
}
