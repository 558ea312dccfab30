import {
  attentionCursor,
  compareKeys,
  keyOf,
  rankAttention,
  type Assessment,
  type AttentionKey,
  type RankedCustomer,
} from '../domain/attention-list';
import type { PageRequest } from '../domain/pagination';
import type { Flag, FlagCode } from '../domain/flags';
import type { CustomerTier } from '../domain/enums';
import type { SlaPolicy } from '../domain/sla-policy';
import { policyFingerprint } from './attention-state';
import type { AttentionCache, CachedState } from './attention-cache';
import { currentAt } from './current';
import type { Row, Store } from './store';

/**
 * Reading the maintained attention list (issue 15; src/graph/attention-state.ts keeps it). The
 * ranking keys (score, name, id) of the flagged customers come from one statement over the
 * (:AttentionState) nodes; only the rows of the page then load their flags. A state is used when it
 * is valid at the request's `now` (at <= now < next) under the request's policy; the few customers
 * whose state is not (due since the clock's last minute, or a request in the past) are assessed in
 * full on the request, so the list is exactly the full assessment's. When states are missing (data
 * written around the API before the clock's first sweep) or too many are stale, the caller falls
 * back to assessing every candidate.
 */

/**
 * Above this many stale states a request assesses every candidate instead. States fall stale when
 * their codes may change (`next`); texts that merely tick are refreshed for the page's rows only. On
 * the large benchmark graph (50,000 customers), with a limit of 300 and states that went stale at
 * every hourly tick (~800 a minute), every attention request there assessed all 50,000 customers
 * (p50 39 s, the server past 7 GB under 8 connections).
 */
export const MAX_STALE = 2000;

/** Sweeps a request may wait for before it assesses every candidate (the second one catches up what fell due during the first). */
const MAX_CATCH_UPS = 2;

const STATE_FIELDS = `a.id AS id, a.name AS name, a.tier AS tier, a.score AS score, a.codes AS codes, a.regionIds AS regionIds,
  a.archived AS archived, a.at AS at, a.next AS next, a.policy AS policy`;

export const STATES_OF_IDS = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
RETURN ${STATE_FIELDS}`;

export const FLAGS_OF_STATES = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
RETURN a.id AS id, a.flags AS flags, a.textUntil AS textUntil`;

export const REGION_TREE = `
MATCH (r:Region {id: $regionId})<-[:PART_OF*0..10]-(s:Region)
RETURN DISTINCT s.id AS id`;

export const COVERED_NOW_BY = `
MATCH (:Engineer {id: $engineerId})-[cv:COVERS]->(c:Customer)
WHERE ${currentAt('cv')}
RETURN DISTINCT c.id AS id`;

export interface StateRow {
  id: string;
  name: string;
  tier: string;
  score: number;
  codes: FlagCode[];
  regionIds: string[];
  archived: boolean;
  /** Valid at the request's now under its policy. */
  valid: boolean;
}

export function toStateRows(rows: Row[], now: Date, policy: SlaPolicy): StateRow[] {
  const t = now.getTime();
  const fp = policyFingerprint(policy);
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    tier: r.tier as string,
    score: Number(r.score),
    codes: (r.codes as FlagCode[]) ?? [],
    regionIds: (r.regionIds as string[]) ?? [],
    archived: r.archived === true,
    valid: r.policy === fp && new Date(r.at as string).getTime() <= t && t < new Date(r.next as string).getTime(),
  }));
}

/**
 * A ranked row: `flags` are stubs (codes only) until the page's rows are hydrated, unless
 * `flagsKnown` (the first page reads its rows' flags with the ranking).
 */
export type RankedRow = Assessment<RankedCustomer> & { fromState: boolean; flagsKnown?: boolean };

export interface ListRequest {
  store: Store;
  /** Whether every customer has a state (the request's memo). */
  complete: () => Promise<boolean>;
  now: Date;
  policy: SlaPolicy;
  filter: { regionId?: string | null; tier?: CustomerTier | null; engineerId?: string | null; flag?: FlagCode | null };
  /** The caller's scope: keeps the visible ids (absent: everything is visible). */
  visible?: (ids: string[]) => Promise<Set<string>>;
  /** Full assessments of customers whose state cannot be used (the request's loaders). */
  assess: (ids: string[]) => Promise<Assessment<RankedCustomer>[]>;
  /**
   * Brings the states up to the request's `now` (the shared sweep: src/graph/attention-state.ts), when
   * more than MAX_STALE are stale and none was computed after `now`. Absent: such a request assesses
   * every candidate instead (a request under another policy than the server's).
   */
  catchUp?: () => Promise<unknown>;
}

const stub = (code: FlagCode): Flag => ({ code, message: '', evidence: {} });

/** Merges valid states with full assessments of the stale ones and ranks them; null: assess everything instead. */
async function rankRows(req: Pick<ListRequest, 'assess'>, rows: StateRow[], flag: FlagCode | null): Promise<RankedRow[] | null> {
  const stale = rows.filter((r) => !r.valid).map((r) => r.id);
  if (stale.length > MAX_STALE) return null;
  const assessed = stale.length ? await req.assess(stale) : [];
  const ranked: RankedRow[] = [
    ...rows
      .filter((r) => r.valid)
      .map((r) => ({ customer: { id: r.id, name: r.name, tier: r.tier }, score: r.score, flags: r.codes.map(stub), fromState: true })),
    ...assessed.map((a) => ({ ...a, fromState: false })),
  ];
  return rankAttention(ranked, flag) as RankedRow[];
}

export const CUSTOMERS_IN_REGION = `
MATCH (r:Region {id: $regionId})<-[:PART_OF*0..10]-(s:Region)<-[:LOCATED_IN]-(c:Customer)
RETURN DISTINCT c.id AS id`;

export const ALL_STATE_IDS_LIVE = `
MATCH (a:AttentionState)
WHERE a.archived = false
RETURN a.id AS id`;

const VALID = `a.next > datetime($at) AND a.at <= datetime($at) AND a.policy = $policy`;
const STALE = `(a.next <= datetime($at) OR a.at > datetime($at) OR a.policy <> $policy)`;
/** Ranks at or before the key ($kScore, $kName, $kId) (score desc, name, id); `strict`: before it. */
const AT_OR_BEFORE = (strict: boolean) =>
  `(a.score > $kScore OR (a.score = $kScore AND (a.name < $kName OR (a.name = $kName AND a.id ${strict ? '<' : '<='} $kId))))`;

/**
 * The statements of one list, built from the filters actually given (no catch-all parameters): the
 * stale states (assessed on the request), the number of valid flagged states, their number up to a
 * cursor, and the top of the ranking (ORDER BY the indexed score, then name and id).
 */
export function listStatements(f: { tier: boolean; flag: boolean; ids: boolean }) {
  const base = ['a.archived = false', f.tier ? 'a.tier = $tier' : '', f.ids ? 'a.id IN $ids' : ''].filter(Boolean).join(' AND ');
  const flagged = `${VALID} AND a.score > 0${f.flag ? ' AND $flag IN a.codes' : ''}`;
  return {
    stale: `MATCH (a:AttentionState) WHERE ${base} AND ${STALE} RETURN a.id AS id, a.at > datetime($at) AS ahead`,
    count: `MATCH (a:AttentionState) WHERE ${base} AND ${flagged} RETURN count(a) AS n`,
    countUpTo: (strict: boolean) =>
      `MATCH (a:AttentionState) WHERE ${base} AND ${flagged} AND ${AT_OR_BEFORE(strict)} RETURN count(a) AS n`,
    top: `MATCH (a:AttentionState) WHERE ${base} AND ${flagged}
RETURN a.id AS id, a.name AS name, a.tier AS tier, a.score AS score
ORDER BY a.score DESC, a.name, a.id LIMIT $limit`,
    /** The top with the rows' flags: a first page reads it beside the counts. */
    head: `MATCH (a:AttentionState) WHERE ${base} AND ${flagged}
RETURN a.id AS id, a.name AS name, a.tier AS tier, a.score AS score, a.flags AS flags, a.textUntil AS textUntil
ORDER BY a.score DESC, a.name, a.id LIMIT $limit`,
  };
}

export interface AttentionPage {
  totalCount: number;
  edges: { node: RankedRow; cursor: string }[];
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A valid flagged state at the top of the ranking: its key, text validity and (from Cypher) its flags. */
interface HeadRow {
  id: string;
  name: string;
  tier: string;
  score: number;
  textUntil: number | null;
  /** Present when read with the ranking; otherwise the page reads them. */
  flags?: Flag[];
}

/** What the list needs from the states: the stale ones, the counts, and the top of the ranking. */
interface Ranking {
  stale: string[];
  /** Some stale state was computed after `now` (a request in the past). */
  ahead: boolean;
  total: number;
  afterCount: number;
  beforeCount: number;
  /** The first `limit` valid flagged states (a first page reads them with the counts). */
  head: HeadRow[] | null;
  top: (limit: number) => Promise<HeadRow[]>;
}

const headRow = (r: Row, withFlags: boolean): HeadRow => ({
  id: r.id as string,
  name: r.name as string,
  tier: r.tier as string,
  score: Number(r.score),
  textUntil: r.textUntil == null ? null : new Date(r.textUntil as string).getTime(),
  ...(withFlags ? { flags: JSON.parse((r.flags as string) ?? '[]') as Flag[] } : {}),
});

/** The ranking by Cypher over the (:AttentionState) nodes (Neo4j, or a store without the cache). */
async function rankingByCypher(
  store: Store,
  params: Record<string, unknown>,
  f: { tier: boolean; flag: boolean; ids: boolean },
  page: PageRequest<AttentionKey>,
  headLimit: number,
): Promise<Ranking> {
  const cy = listStatements(f);
  const count = async (cypher: string, [kScore, kName, kId]: AttentionKey) =>
    Number((await store.read(cypher, { ...params, kScore, kName, kId }))[0]?.n ?? 0);
  const [staleRows, [total], afterCount, beforeCount, headRows] = await Promise.all([
    store.read(cy.stale, params),
    store.read(cy.count, params),
    page.after ? count(cy.countUpTo(false), page.after) : Promise.resolve(0),
    page.before ? count(cy.countUpTo(true), page.before) : Promise.resolve(0),
    headLimit > 0 ? store.read(cy.head, { ...params, limit: headLimit }) : Promise.resolve(null),
  ]);
  return {
    stale: staleRows.map((r) => r.id as string),
    ahead: staleRows.some((r) => r.ahead === true),
    total: Number(total?.n ?? 0),
    afterCount,
    beforeCount,
    head: headRows ? headRows.map((r) => headRow(r, true)) : null,
    top: async (limit) => (await store.read(cy.top, { ...params, limit })).map((r) => headRow(r, false)),
  };
}

/** The same ranking from the process's cache of the states (the embedded engine): one pass, no statement. */
function rankingFromCache(
  cache: AttentionCache,
  p: { t: number; policy: string; tier: string | null; flag: string | null; ids: Set<string> | null },
  page: PageRequest<AttentionKey>,
  headLimit: number,
): Ranking {
  const stale: string[] = [];
  let ahead = false;
  const flagged: CachedState[] = [];
  let afterCount = 0;
  let beforeCount = 0;
  for (const s of cache.inOrder) {
    if (s.archived || (p.tier && s.tier !== p.tier) || (p.ids && !p.ids.has(s.id))) continue;
    if (!(s.policy === p.policy && s.at <= p.t && p.t < s.next)) {
      stale.push(s.id);
      if (s.at > p.t) ahead = true;
      continue;
    }
    if (!(s.score > 0) || (p.flag && !s.codes.includes(p.flag))) continue;
    flagged.push(s);
    const key: AttentionKey = [s.score, s.name, s.id];
    if (page.after && compareKeys(key, page.after) <= 0) afterCount++;
    if (page.before && compareKeys(key, page.before) < 0) beforeCount++;
  }
  const rows = (n: number): HeadRow[] =>
    flagged.slice(0, n).map((s) => ({ id: s.id, name: s.name, tier: s.tier, score: s.score, textUntil: s.textUntil }));
  return {
    stale,
    ahead,
    total: flagged.length,
    afterCount,
    beforeCount,
    head: headLimit > 0 ? rows(headLimit) : null,
    top: async (limit) => rows(limit),
  };
}

/**
 * One Relay page of the attention list from the maintained state (null: the caller assesses every
 * candidate). Positions are counted over the valid states (in the store, or in the embedded store's
 * cache) plus in memory (the stale ones, assessed on the request), then the top of the ranking down
 * to the page's end is read and merged: the page, totalCount and pageInfo are exactly those of the
 * full list (windowOfList's semantics).
 */
export async function maintainedAttention(
  req: ListRequest,
  page: PageRequest<AttentionKey>,
  catchUps = MAX_CATCH_UPS,
): Promise<AttentionPage | null> {
  const { store, now, policy, filter } = req;
  const [complete, cache] = await Promise.all([req.complete(), store.attentionCache?.().ready()]);
  if (!complete) return null;
  const at = now.toISOString();
  const t = now.getTime();

  // The candidates' ids when a filter or the caller's scope restricts them.
  let ids: string[] | null = null;
  const [covered, inRegion] = await Promise.all([
    filter.engineerId ? store.read(COVERED_NOW_BY, { engineerId: filter.engineerId, at }) : null,
    filter.regionId ? store.read(CUSTOMERS_IN_REGION, { regionId: filter.regionId }) : null,
  ]);
  for (const rows of [covered, inRegion]) {
    if (!rows) continue;
    const set = new Set(rows.map((r) => r.id as string));
    ids = ids ? ids.filter((id) => set.has(id)) : [...set];
  }
  if (req.visible) {
    const all =
      ids ??
      (cache
        ? cache.inOrder.filter((s) => !s.archived).map((s) => s.id)
        : (await store.read(ALL_STATE_IDS_LIVE)).map((r) => r.id as string));
    const visible = await req.visible(all);
    ids = all.filter((id) => visible.has(id));
  }

  // A first page (no cursor) needs at most `first` valid states: read them beside the counts, so
  // that the stale states and the rows whose text has ticked are assessed together.
  const headLimit = !page.after && !page.before && page.first !== null && page.last === null ? page.first : 0;
  const fp = policyFingerprint(policy);
  const ranking = cache
    ? rankingFromCache(
        cache,
        { t, policy: fp, tier: filter.tier ?? null, flag: filter.flag ?? null, ids: ids && new Set(ids) },
        page,
        headLimit,
      )
    : await rankingByCypher(
        store,
        { at, policy: fp, tier: filter.tier ?? null, flag: filter.flag ?? null, ids },
        { tier: Boolean(filter.tier), flag: Boolean(filter.flag), ids: ids !== null },
        page,
        headLimit,
      );
  const { stale } = ranking;
  if (stale.length > MAX_STALE) {
    // A catch-up (the clock's first sweep of a store, states due while the process was down): sweep
    // once for every request instead of one full assessment per request. Not for states computed
    // after `now` (a request in the past): sweeping them back would undo the clock's work.
    if (!req.catchUp || catchUps <= 0 || ranking.ahead) return null;
    await req.catchUp();
    return maintainedAttention(req, page, catchUps - 1);
  }
  // Rows whose text has ticked since their state (or that predate textUntil) take a fresh assessment's
  // flags; the others read theirs from the state, beside that assessment.
  const head = ranking.head;
  const ticked = new Set((head ?? []).filter((r) => r.textUntil == null || r.textUntil <= t).map((r) => r.id));
  const unread = (head ?? []).filter((r) => !r.flags && !ticked.has(r.id)).map((r) => r.id);
  const [assessedAll, stateFlags] = await Promise.all([
    stale.length || ticked.size ? req.assess([...stale, ...ticked]) : Promise.resolve([]),
    unread.length ? store.read(FLAGS_OF_STATES, { ids: unread }) : Promise.resolve([] as Row[]),
  ]);
  const staleSet = new Set(stale);
  const assessed = assessedAll.filter((a) => staleSet.has(a.customer.id));
  const flagsOf = new Map<string, Flag[]>(assessedAll.filter((a) => !staleSet.has(a.customer.id)).map((a) => [a.customer.id, a.flags]));
  for (const r of stateFlags) flagsOf.set(r.id as string, JSON.parse((r.flags as string) ?? '[]') as Flag[]);
  const fresh = rankAttention(
    assessed.map((a): RankedRow => ({ ...a, fromState: false })),
    filter.flag ?? null,
  ) as RankedRow[];

  const len = ranking.total + fresh.length;
  const lo = page.after ? ranking.afterCount + fresh.filter((a) => compareKeys(keyOf(a), page.after!) <= 0).length : 0;
  const hiRaw = page.before ? ranking.beforeCount + fresh.filter((a) => compareKeys(keyOf(a), page.before!) < 0).length : len;
  const hi = Math.max(lo, Math.min(len, hiRaw));
  let start = lo;
  let end = hi;
  if (page.first !== null) end = Math.min(end, start + page.first);
  if (page.last !== null) start = Math.max(start, end - page.last);

  const topRows = head ?? (end > 0 ? await ranking.top(end) : []);
  const top = topRows.map((r): RankedRow => ({
    customer: { id: r.id, name: r.name, tier: r.tier },
    score: r.score,
    ...(head
      ? { flags: ticked.has(r.id) ? (flagsOf.get(r.id) ?? []) : (r.flags ?? flagsOf.get(r.id) ?? []), fromState: true, flagsKnown: true }
      : { flags: [], fromState: true }),
  }));
  const merged = [...top, ...fresh].sort((a, b) => compareKeys(keyOf(a), keyOf(b))).slice(start, end);
  const edges = merged.map((node) => ({ node, cursor: attentionCursor(node) }));
  return {
    totalCount: len,
    edges,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < len,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

/** The ranked attention list of these customers (an engineer's portfolio) from the maintained state. */
export async function maintainedAttentionOf(
  req: Pick<ListRequest, 'assess' | 'complete'> & { states: (ids: string[]) => Promise<(StateRow | null | Error)[]> },
  ids: string[],
): Promise<RankedRow[] | null> {
  if (!ids.length) return [];
  if (!(await req.complete())) return null;
  const rows = await req.states(ids);
  if (rows.some((r) => r === null || r instanceof Error)) return null;
  return rankRows(
    req,
    (rows as StateRow[]).filter((r) => !r.archived),
    null,
  );
}

/**
 * The flags of the page's rows that came from the state (batched by the caller's loader); the others
 * already have theirs. A state's codes hold until its `next`, its texts (counted hours and days) only
 * until its `textUntil`: rows whose text has ticked since (`null` from `flagsOf`) are assessed on the
 * request, at most a page of them, and take the assessment's flags (the same codes, the current text).
 */
export async function hydrateFlags(
  rows: RankedRow[],
  flagsOf: (ids: string[]) => Promise<(Flag[] | null | Error)[]>,
  assess: (ids: string[]) => Promise<Assessment[]>,
): Promise<void> {
  const fromState = rows.filter((r) => r.fromState && !r.flagsKnown);
  if (!fromState.length) return;
  const flags = await flagsOf(fromState.map((r) => r.customer.id));
  const ticked: RankedRow[] = [];
  fromState.forEach((r, i) => {
    const f = flags[i];
    if (f instanceof Error) throw f;
    if (f === null) ticked.push(r);
    else r.flags = f;
  });
  if (!ticked.length) return;
  const now = new Map((await assess(ticked.map((r) => r.customer.id))).map((a) => [a.customer.id, a.flags]));
  for (const r of ticked) r.flags = now.get(r.customer.id) ?? [];
}
