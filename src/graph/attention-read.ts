import { rankAttention, type Assessment, type RankedCustomer } from '../domain/attention-list';
import type { Flag, FlagCode } from '../domain/flags';
import type { CustomerTier } from '../domain/enums';
import type { SlaPolicy } from '../domain/sla-policy';
import { policyFingerprint, statesComplete } from './attention-state';
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

/** Above this many stale states a request assesses every candidate instead. */
export const MAX_STALE = 300;

const STATE_FIELDS = `a.id AS id, a.name AS name, a.tier AS tier, a.score AS score, a.codes AS codes, a.regionIds AS regionIds,
  a.archived AS archived, a.at AS at, a.next AS next, a.policy AS policy`;

/** The list's statement, built from the filters actually given (no catch-all parameters). */
export function statesForListCypher(filter: { tier: boolean; flag: boolean }): string {
  return `
MATCH (a:AttentionState)
WHERE a.archived = false${filter.tier ? ' AND a.tier = $tier' : ''}
  AND ((a.score > 0${filter.flag ? ' AND $flag IN a.codes' : ''}) OR a.next <= datetime($at) OR a.at > datetime($at) OR a.policy <> $policy)
RETURN ${STATE_FIELDS}`;
}

export const STATES_OF_IDS = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
RETURN ${STATE_FIELDS}`;

export const FLAGS_OF_STATES = `
UNWIND $ids AS id
MATCH (a:AttentionState {id: id})
RETURN a.id AS id, a.flags AS flags`;

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

function toStateRows(rows: Row[], now: Date, policy: SlaPolicy): StateRow[] {
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

/** A ranked row: `flags` are stubs (codes only) until the page's rows are hydrated. */
export type RankedRow = Assessment<RankedCustomer> & { fromState: boolean };

export interface ListRequest {
  store: Store;
  now: Date;
  policy: SlaPolicy;
  filter: { regionId?: string | null; tier?: CustomerTier | null; engineerId?: string | null; flag?: FlagCode | null };
  /** The caller's scope: keeps the visible ids (absent: everything is visible). */
  visible?: (ids: string[]) => Promise<Set<string>>;
  /** Full assessments of customers whose state cannot be used (the request's loaders). */
  assess: (ids: string[]) => Promise<Assessment<RankedCustomer>[]>;
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

/** The ranked attention list from the maintained state (null: the caller assesses every candidate). */
export async function maintainedAttention(req: ListRequest): Promise<RankedRow[] | null> {
  const { store, now, policy, filter } = req;
  if (!(await statesComplete(store))) return null;
  const at = now.toISOString();
  const [rowsRaw, regionRows, coveredRows] = await Promise.all([
    store.read(statesForListCypher({ tier: Boolean(filter.tier), flag: Boolean(filter.flag) }), {
      tier: filter.tier ?? null,
      flag: filter.flag ?? null,
      at,
      policy: policyFingerprint(policy),
    }),
    filter.regionId ? store.read(REGION_TREE, { regionId: filter.regionId }) : Promise.resolve(null),
    filter.engineerId ? store.read(COVERED_NOW_BY, { engineerId: filter.engineerId, at }) : Promise.resolve(null),
  ]);
  let rows = toStateRows(rowsRaw, now, policy);
  if (regionRows) {
    const tree = new Set(regionRows.map((r) => r.id as string));
    rows = rows.filter((r) => r.regionIds.some((g) => tree.has(g)));
  }
  if (coveredRows) {
    const covered = new Set(coveredRows.map((r) => r.id as string));
    rows = rows.filter((r) => covered.has(r.id));
  }
  if (req.visible) {
    const visible = await req.visible(rows.map((r) => r.id));
    rows = rows.filter((r) => visible.has(r.id));
  }
  return rankRows(req, rows, filter.flag ?? null);
}

/** The ranked attention list of these customers (an engineer's portfolio) from the maintained state. */
export async function maintainedAttentionOf(req: Omit<ListRequest, 'filter' | 'visible'>, ids: string[]): Promise<RankedRow[] | null> {
  if (!ids.length) return [];
  if (!(await statesComplete(req.store))) return null;
  const rows = toStateRows(await req.store.read(STATES_OF_IDS, { ids }), req.now, req.policy);
  if (rows.length !== new Set(ids).size) return null;
  return rankRows(
    req,
    rows.filter((r) => !r.archived),
    null,
  );
}

/** The flags of the page's rows that came from the state (one statement); the others already have theirs. */
export async function hydrateFlags(store: Store, rows: RankedRow[]): Promise<void> {
  const ids = rows.filter((r) => r.fromState).map((r) => r.customer.id);
  if (!ids.length) return;
  const flags = new Map((await store.read(FLAGS_OF_STATES, { ids })).map((r) => [r.id as string, JSON.parse(r.flags as string) as Flag[]]));
  for (const r of rows) if (r.fromState) r.flags = flags.get(r.customer.id) ?? [];
}
