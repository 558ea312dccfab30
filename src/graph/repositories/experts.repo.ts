import DataLoader from 'dataloader';
import { OPEN_CASE_STATUSES } from '../../domain/enums';
import { rankExperts, type CaseEvidence, type Candidate, type RankedExpert, type RegionStep } from '../../domain/experts';
import type { Row, Store } from '../store';
import { currentAt } from '../current';

/**
 * Experts for device models and product lines (issue 14): two statements for a whole batch of
 * questions, whatever the number of cases — the cases on devices of the models (one row per case,
 * with who worked on it and who owned it when it was resolved), then the candidate engineers (those
 * cases' engineers and those whose declared skills name a model) with availability, base region
 * chain, and the region chains of the customers' regions. Scoring is in domain/experts.ts.
 */

const CASE_ROWS = `
MATCH (d)<-[:CONCERNS]-(k:\`Case\`)
RETURN DISTINCT d.model AS model, d.productLine AS line, k.id AS caseId, k.resolvedAt AS resolvedAt, coalesce(k.reopenCount, 0) AS reopenCount,
  [(k)<-[:WORKED_ON]-(w:Engineer) | w.id] AS workers,
  [(k)-[o:OWNED_BY]->(x:Engineer) WHERE k.resolvedAt IS NOT NULL AND o.from <= k.resolvedAt AND (o.to IS NULL OR o.to >= k.resolvedAt) | x.id] AS resolvers`;

/** Start from the devices by the indexed property actually asked for (the planner does not reorder). */
export const EXPERT_CASES_BY_MODEL = `UNWIND $models AS m
MATCH (d:Device {model: m})${CASE_ROWS}`;
export const EXPERT_CASES_BY_LINE = `UNWIND $lines AS l
MATCH (d:Device {productLine: l})${CASE_ROWS}`;
export const EXPERT_CASES_BY_BOTH = `MATCH (d:Device)
WHERE d.model IN $models OR d.productLine IN $lines${CASE_ROWS}`;

export const EXPERT_CANDIDATES = `
OPTIONAL MATCH tp = (tr:Region)-[:PART_OF*0..10]->(tx:Region)
WHERE tr.id IN $regionIds
WITH collect({regionId: tr.id, id: tx.id, depth: length(tp)}) AS targets
MATCH (e:Engineer)
WHERE e.id IN $ids OR any(s IN coalesce(e.skills, []) WHERE any(t IN $terms WHERE toLower(s) CONTAINS t))
RETURN e.id AS id, e.status AS status, coalesce(e.skills, []) AS skills,
  size([(e)-[:HAS]->(a:Absence) WHERE ${currentAt('a')} | a]) AS absences,
  size([(e)<-[o:OWNED_BY]-(k:\`Case\`) WHERE ${currentAt('o')} AND k.status IN $openStatuses | k]) AS openCases,
  [(e)-[:BASED_IN]->(:Region)-[:PART_OF*0..10]->(x:Region) | x.id] AS chain,
  targets`;

/** The statements one batch costs at most. */
export const EXPERT_STATEMENTS = 2;

export interface ExpertQuestion {
  model?: string | null;
  productLine?: string | null;
  regionId?: string | null;
}

const keyOf = (q: ExpertQuestion) => JSON.stringify([q.model ?? null, q.productLine ?? null, q.regionId ?? null]);

export async function loadExperts(store: Store, questions: readonly ExpertQuestion[], now: Date): Promise<RankedExpert[][]> {
  const models = [...new Set(questions.map((q) => q.model).filter((x): x is string => Boolean(x)))];
  const lines = [...new Set(questions.map((q) => q.productLine).filter((x): x is string => Boolean(x)))];
  if (!models.length && !lines.length) return questions.map(() => []);
  const cypher = models.length && lines.length ? EXPERT_CASES_BY_BOTH : models.length ? EXPERT_CASES_BY_MODEL : EXPERT_CASES_BY_LINE;
  const caseRows = await store.read(cypher, { models, lines });

  const engineerIds = new Set<string>();
  for (const r of caseRows)
    for (const id of [...((r.workers as string[]) ?? []), ...((r.resolvers as string[]) ?? [])]) engineerIds.add(id);
  const terms = [...models, ...lines].map((t) => t.toLowerCase());
  const regionIds = [...new Set(questions.map((q) => q.regionId).filter((x): x is string => Boolean(x)))];
  const rows = await store.read(EXPERT_CANDIDATES, {
    ids: [...engineerIds],
    terms,
    regionIds,
    at: now.toISOString(),
    openStatuses: OPEN_CASE_STATUSES,
  });

  const chains = new Map<string, RegionStep[]>();
  for (const t of (rows[0]?.targets as Row[]) ?? []) {
    if (t.regionId == null) continue;
    const list = chains.get(t.regionId as string) ?? [];
    list.push({ id: t.id as string, depth: Number(t.depth) });
    chains.set(t.regionId as string, list);
  }
  const candidates: Candidate[] = rows.map((r) => ({
    id: r.id as string,
    status: (r.status as string) ?? 'ACTIVE',
    skills: (r.skills as string[]) ?? [],
    absentNow: Number(r.absences) > 0,
    openCases: Number(r.openCases),
    regionAncestors: [...new Set((r.chain as string[]) ?? [])],
  }));

  return questions.map((q) => {
    const evidence: CaseEvidence[] = [];
    for (const r of caseRows) {
      if (!((q.model && r.model === q.model) || (q.productLine && r.line === q.productLine))) continue;
      const resolvers = new Set((r.resolvers as string[]) ?? []);
      const resolvedAt = (r.resolvedAt as string | null) ?? null;
      for (const id of new Set([...((r.workers as string[]) ?? []), ...resolvers])) {
        evidence.push({
          caseId: r.caseId as string,
          engineerId: id,
          resolvedAt,
          reopenCount: Number(r.reopenCount),
          resolver: resolvers.has(id),
        });
      }
    }
    const qTerms = [q.model, q.productLine].filter((x): x is string => Boolean(x));
    const regionChain = q.regionId ? (chains.get(q.regionId) ?? []) : null;
    return rankExperts(evidence, candidates, { terms: qTerms, regionChain, now });
  });
}

/** Per request: questions asked by several fields (device.experts of a list) share one batch. */
export function expertsLoader(store: Store, now: Date): DataLoader<ExpertQuestion, RankedExpert[], string> {
  return new DataLoader<ExpertQuestion, RankedExpert[], string>((qs) => loadExperts(store, qs, now), { cacheKeyFn: keyOf });
}
