import {
  rankAttention,
  assess,
  pageAttention,
  attentionPageArgs,
  type Assessment,
  type RankedCustomer,
} from '../src/domain/attention-list';
import { escalationPath } from '../src/domain/coverage';
import { HandoffReason, OPEN_CASE_STATUSES, RecordStatus } from '../src/domain/enums';
import { labelOfId, type NodeLabel } from '../src/domain/ids';
import type { SlaPolicy } from '../src/domain/sla-policy';
import {
  FLAGS_OF_STATES,
  STATES_OF_IDS,
  maintainedAttention,
  maintainedAttentionOf,
  toStateRows,
  type RankedRow,
} from '../src/graph/attention-read';
import { statesComplete } from '../src/graph/attention-state';
import { preparePlan } from '../src/graph/handoffs';
import type { CustomerRecord, Props } from '../src/graph/records';
import { attentionCandidates, loadSnapshots } from '../src/graph/repositories/attention.repo';
import * as cov from '../src/graph/repositories/coverage.repo';
import * as cus from '../src/graph/repositories/customer.repo';
import * as hof from '../src/graph/repositories/handoff.repo';
import { nodesByIdCypher } from '../src/graph/repositories/node.repo';
import { loadExperts } from '../src/graph/repositories/experts.repo';
import { pageOfList } from '../src/domain/pagination';
import type { Flag } from '../src/domain/flags';
import { DEVICE_MODELS } from './names';
import type { Row, Store } from '../src/graph/store';
import { byNameThenId } from '../src/domain/text-order';

type Named = { name: string; id: string };

/**
 * The operations the benchmark drives, each as (a) the GraphQL document sent over HTTP and
 * (b) a "direct" version that fetches the same data by calling the storage port with the same
 * repository Cypher, in the same dependency order as the resolvers (the floor of the API-layer
 * ratio). Where the answer is computed (attention, planHandoff, escalation path) the direct version
 * calls the same pure domain functions, so only the GraphQL machinery differs.
 */

export type OpKey = 'card' | 'whoCovers' | 'customers' | 'attention' | 'engineerAttention' | 'planHandoff' | 'experts';
export const OP_KEYS: OpKey[] = ['card', 'whoCovers', 'customers', 'attention', 'engineerAttention', 'planHandoff', 'experts'];

export interface Samples {
  cardCustomerIds: string[];
  busiestEngineerId: string;
  successorEngineerId: string;
  /** ISO instant: the effective time of the planned handoff (fixed for the run). */
  effectiveAt: string;
}

export interface Operation {
  key: OpKey;
  title: string;
  query: string;
  /** Variables of the n-th request (customer ids rotate through the samples). */
  variables(n: number, s: Samples): Record<string, unknown>;
  direct(store: Store, vars: Record<string, unknown>, ctx: { now: Date; policy: SlaPolicy }): Promise<unknown>;
}

export const CARD_QUERY = `query CustomerCard($id: ID!) {
  customer(id: $id) {
    id name tier status
    coverage { id role from engineer { id name status phone } }
    escalationPath { order role phone skippedBecause engineer { id name } }
    contacts { id name title role phone }
    openCases { id number title severity status openedAt owner { id name } }
    lastHandoff { id reason status effectiveAt openItems(customer: $id) { id kind status } }
  }
}`;

export const WHO_COVERS_QUERY = `query WhoCovers($id: ID!) {
  whoCovers(customerId: $id) { id role from to engineer { id name phone } }
}`;

export const CUSTOMERS_QUERY = `query Customers($first: Int!) {
  customers(first: $first) {
    totalCount
    edges { cursor node { id name tier coverage { role engineer { id name } } contacts { id name role } } }
  }
}`;

export const ATTENTION_QUERY = `query Attention($first: Int!) {
  attention(first: $first) {
    totalCount
    edges { node { score customer { id name tier } flags { code message weight } } }
  }
}`;

/** The busiest engineer's own attention list (issue 15: `engineer.attention`). */
export const ENGINEER_ATTENTION_QUERY = `query EngineerAttention($id: ID!, $first: Int!) {
  engineer(id: $id) {
    id name
    attention(first: $first) { score customer { id name tier } flags { code message weight } }
  }
}`;

export const PLAN_HANDOFF_MUTATION = `mutation PlanHandoff($input: PlanHandoffInput!) {
  planHandoff(input: $input) {
    outgoing { id name }
    successors { id name }
    assignments { customer { id name } successor { id } roles }
    items { seq kind status customer { id } refersTo { id } assignee { id } }
    warnings { code message customer { id } }
  }
}`;

/** Who has fixed this model before (issue 14): the ranking's two statements + the listed engineers. */
export const EXPERTS_QUERY = `query Experts($model: String!) {
  experts(model: $model, first: 10) {
    totalCount
    edges { node { score regionDistance engineer { id name kind } evidence { resolvedCases reopenedCases lastResolvedAt } availability { available openCases } } }
  }
}`;

const byKey = (rows: Row[]) => {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r.key as string;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
};
const read = (store: Store, cypher: string, ids: string[], params: Record<string, unknown> = {}) =>
  ids.length ? store.read(cypher, { ...params, ids }) : Promise.resolve([] as Row[]);

/** The customer card, statement for statement what the resolvers issue. */
async function directCard(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const id = vars.id as string;
  const at = now.toISOString();
  const [customer] = await read(store, nodesByIdCypher('Customer'), [id]);
  if (!customer) return null;
  const coverageP = read(store, cov.COVERAGE_WITH_ABSENCES_OF_CUSTOMERS_AT, [id], { at, role: null }).then((rows) =>
    rows.map((r) => cov.coverageRow(r)),
  );
  const contactsP = read(store, cus.CONTACTS_OF_CUSTOMERS, [id], { includeFormer: false, at }).then(cus.contactRows);
  // The cases carry their ownerships (one statement, no second wave for the owner).
  const casesP = read(store, cus.CASES_OF_CUSTOMERS_WITH_STATUS, [id], { statuses: [...OPEN_CASE_STATUSES].sort() }).then((rows) =>
    rows.map((r) => {
      const current = ((r.owners as Props[]) ?? []).find((o) => o.to == null);
      return { ...(r.k as Props), owner: current ? current.e : null };
    }),
  );
  const handoffP = read(store, hof.LAST_HANDOFF_OF_CUSTOMERS, [id]).then(async (rows) => {
    const h = rows[0]?.h as Props | undefined;
    if (!h) return null;
    // The handoff carries its items and their customers (one statement, no further wave).
    const mine = new Set(((rows[0].itemCustomers as Props[]) ?? []).filter((x) => (x.c as Props).id === id).map((x) => x.item as string));
    const items = ((rows[0].items as Props[]) ?? []).filter((i) => i.status === 'OPEN' && mine.has(i.id as string));
    return { ...h, openItems: items.sort((a, b) => Number(a.seq ?? Infinity) - Number(b.seq ?? Infinity)) };
  });
  const [coverage, contacts, openCases, lastHandoff] = await Promise.all([coverageP, contactsP, casesP, handoffP]);
  const current = coverage.map((r) => ({ ...cov.toCoverage(r), engineer: r.e as Props }));
  const path = escalationPath(current.map((c) => ({ role: c.role, engineer: c.engineer as never })));
  return {
    ...(customer.n as Props),
    coverage: current,
    escalationPath: path,
    contacts: contacts.map((r) => r.p),
    openCases,
    lastHandoff,
  };
}

async function directExperts(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const [ranked] = await loadExperts(store, [{ model: vars.model as string }], now);
  const page = pageOfList(ranked, 10, null);
  const engineers = new Map(
    (
      await read(
        store,
        nodesByIdCypher('Engineer'),
        page.edges.map((e) => e.node.engineerId),
      )
    ).map((r) => [r.key as string, r.n as Props]),
  );
  return {
    totalCount: page.totalCount,
    edges: page.edges.map((e) => ({ node: { ...e.node, engineer: engineers.get(e.node.engineerId) } })),
  };
}

async function directWhoCovers(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const rows = (await store.read(cov.COVERAGE_OF_CUSTOMERS_AT, { ids: [vars.id as string], at: now.toISOString(), role: null })).map((r) =>
    cov.coverageRow(r),
  );
  return rows.map((r) => ({ ...cov.toCoverage(r), engineer: r.e }));
}

/** The properties CUSTOMERS_QUERY selects (src/resolvers/projections.ts reads no more). */
const LIST_COVERAGE = { r: cov.COVERAGE_FIELDS.pick(['role']), e: cov.ENGINEER_FIELDS.pick(['name']) };
const LIST_CONTACTS = cus.CONTACT_FIELDS.pick(['name', 'role']);

/** customers(first) with coverage and contacts: page + count, then one batched statement per relation. */
export async function directCustomers(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const at = now.toISOString();
  const page = await cus.listCustomers(store, {}, { first: vars.first as number, last: null, after: null, before: null }, at);
  const ids = page.edges.map((e) => e.node.id);
  const { r, e } = LIST_COVERAGE;
  const [coverage, contacts] = await Promise.all([
    read(store, cov.coverageOfCustomersAtCypher(LIST_COVERAGE), ids, { at, role: null }).then((rows) =>
      rows.map((row) => cov.coverageRow(row, r, e)),
    ),
    read(store, cus.contactsOfCustomersCypher(LIST_CONTACTS), ids, { includeFormer: false, at }).then((rows) =>
      rows.map((row) => cus.contactRow(row, LIST_CONTACTS)).sort((a, b) => byNameThenId(a.p as Named, b.p as Named)),
    ),
  ]);
  const covBy = byKey(coverage);
  const conBy = byKey(contacts);
  return {
    totalCount: page.totalCount,
    edges: page.edges.map((e) => ({
      ...e,
      node: { ...e.node, coverage: covBy.get(e.node.id) ?? [], contacts: (conBy.get(e.node.id) ?? []).map((r) => r.p) },
    })),
  };
}

/**
 * The naive variant of the same query: what resolvers without DataLoader do — one statement per
 * parent and relation (the same Cypher with a one-element `$ids`), all issued concurrently as
 * GraphQL would resolve the list items.
 */
export async function naiveCustomers(store: Store, vars: Record<string, unknown>, { now }: { now: Date }) {
  const at = now.toISOString();
  const page = await cus.listCustomers(store, {}, { first: vars.first as number, last: null, after: null, before: null }, at);
  const edges = await Promise.all(
    page.edges.map(async (e) => {
      const [coverage, contacts] = await Promise.all([
        store.read(cov.COVERAGE_OF_CUSTOMERS_AT, { ids: [e.node.id], at, role: null }).then((rows) => rows.map((r) => cov.coverageRow(r))),
        store.read(cus.CONTACTS_OF_CUSTOMERS, { ids: [e.node.id], includeFormer: false, at }).then(cus.contactRows),
      ]);
      return { ...e, node: { ...e.node, coverage, contacts: contacts.map((r) => r.p) } };
    }),
  );
  return { totalCount: page.totalCount, edges };
}

/** Full assessments of these customers (what the request's assessment DataLoader does). */
async function assessIds(store: Store, ids: string[], now: Date, policy: SlaPolicy): Promise<Assessment<CustomerRecord>[]> {
  const snapshots = await loadSnapshots(store, ids, now, policy);
  return ids.flatMap((id) => {
    const s = snapshots.get(id);
    return s ? [assess(s.customer as CustomerRecord, s.snapshot, policy, now)] : [];
  });
}

/** The rows that came from the maintained state get their flags and customer records (two batched statements). */
async function hydrateRows(store: Store, rows: RankedRow[]) {
  const ids = rows.filter((r) => r.fromState).map((r) => r.customer.id);
  const [customers, flags] = await Promise.all([read(store, nodesByIdCypher('Customer'), ids), read(store, FLAGS_OF_STATES, ids)]);
  const byId = new Map(customers.map((r) => [r.key as string, r.n as Props]));
  const flagsOf = new Map(flags.map((r) => [r.id as string, JSON.parse((r.flags as string) ?? '[]') as Flag[]]));
  for (const r of rows) {
    if (!r.fromState) continue;
    r.flags = flagsOf.get(r.customer.id) ?? [];
    r.customer = (byId.get(r.customer.id) as RankedCustomer | undefined) ?? r.customer;
  }
}

/**
 * attention(first): like the resolver, from the maintained state (issue 15) — the valid states
 * ranked in the store, the stale ones assessed — then the page's flags and customers; the full
 * assessment of every candidate only when the state cannot answer (as the resolver falls back).
 */
async function directAttention(store: Store, vars: Record<string, unknown>, { now, policy }: { now: Date; policy: SlaPolicy }) {
  const page = attentionPageArgs(vars.first as number, null);
  const maintained = await maintainedAttention(
    { store, complete: () => statesComplete(store), now, policy, filter: {}, assess: (ids) => assessIds(store, ids, now, policy) },
    page,
  );
  if (maintained) {
    await hydrateRows(
      store,
      maintained.edges.map((e) => e.node),
    );
    return maintained;
  }
  const candidates = await attentionCandidates(store, {}, now);
  const assessed = await assessIds(
    store,
    candidates.map((c) => c.id),
    now,
    policy,
  );
  return pageAttention(rankAttention(assessed), page);
}

/** engineer(id).attention(first): the engineer, his portfolio now, the states of those customers, then the rows' flags and customers. */
async function directEngineerAttention(store: Store, vars: Record<string, unknown>, { now, policy }: { now: Date; policy: SlaPolicy }) {
  const at = now.toISOString();
  const [engineer] = await read(store, nodesByIdCypher('Engineer'), [vars.id as string]);
  if (!engineer) return null;
  const portfolio = await store.read(cov.PORTFOLIO_OF_ENGINEERS_AT, { ids: [vars.id as string], at, role: null });
  const ids = [...new Set(portfolio.map((r) => r.customerId as string))];
  const limit = vars.first as number;
  const maintained = await maintainedAttentionOf(
    {
      complete: () => statesComplete(store),
      states: async (x) => {
        const rows = new Map(toStateRows(await read(store, STATES_OF_IDS, x), now, policy).map((r) => [r.id, r]));
        return x.map((id) => rows.get(id) ?? null);
      },
      assess: (x) => assessIds(store, x, now, policy),
    },
    ids,
  );
  if (maintained) {
    const rows = maintained
      .filter((a) => a.fromState || (a.customer as unknown as CustomerRecord).status !== RecordStatus.ARCHIVED)
      .slice(0, limit);
    await hydrateRows(store, rows);
    return { ...(engineer.n as Props), attention: rows };
  }
  const live = (await assessIds(store, ids, now, policy)).filter((a) => a.customer.status !== RecordStatus.ARCHIVED);
  return { ...(engineer.n as Props), attention: rankAttention(live).slice(0, limit) };
}

async function directPlanHandoff(store: Store, vars: Record<string, unknown>, { now, policy }: { now: Date; policy: SlaPolicy }) {
  const input = vars.input as {
    outgoingEngineerId: string;
    successors: { engineerId: string }[];
    reason: HandoffReason;
    effectiveAt: string;
  };
  const plan = await preparePlan({ run: (c, p) => store.read(c, p) }, input, policy, now);
  // The records the plan's fields name, one batched statement per label (as the loaders do).
  const wanted = new Map<NodeLabel, Set<string>>();
  const want = (id: string) => {
    const label = labelOfId(id)!;
    let set = wanted.get(label);
    if (!set) wanted.set(label, (set = new Set()));
    set.add(id);
  };
  want(plan.outgoingId);
  input.successors.forEach((s) => want(s.engineerId));
  plan.assignments.forEach((a) => (want(a.customerId), want(a.successorId)));
  plan.items.forEach((i) => (want(i.customerId), want(i.refersToId), want(i.assigneeId)));
  plan.warnings.forEach((w) => (w.customerId && want(w.customerId), w.engineerId && want(w.engineerId), w.caseId && want(w.caseId)));
  const found = new Map<string, Props>();
  await Promise.all(
    [...wanted].map(async ([label, set]) => {
      for (const r of await read(store, nodesByIdCypher(label), [...set])) found.set(r.key as string, r.n as Props);
    }),
  );
  return {
    outgoing: found.get(plan.outgoingId),
    assignments: plan.assignments.map((a) => ({ customer: found.get(a.customerId), successor: found.get(a.successorId), roles: a.roles })),
    items: plan.items.map((i) => ({
      ...i,
      customer: found.get(i.customerId),
      refersTo: found.get(i.refersToId),
      assignee: found.get(i.assigneeId),
    })),
    warnings: plan.warnings.map((w) => ({ ...w, customer: w.customerId ? found.get(w.customerId) : null })),
  };
}

export const planInput = (s: Samples) => ({
  outgoingEngineerId: s.busiestEngineerId,
  successors: [{ engineerId: s.successorEngineerId }],
  reason: HandoffReason.ROTATION,
  effectiveAt: s.effectiveAt,
});

export const OPERATIONS: Record<OpKey, Operation> = {
  card: {
    key: 'card',
    title: 'customer card',
    query: CARD_QUERY,
    variables: (n, s) => ({ id: s.cardCustomerIds[n % s.cardCustomerIds.length] }),
    direct: directCard,
  },
  whoCovers: {
    key: 'whoCovers',
    title: 'whoCovers',
    query: WHO_COVERS_QUERY,
    variables: (n, s) => ({ id: s.cardCustomerIds[n % s.cardCustomerIds.length] }),
    direct: directWhoCovers,
  },
  customers: {
    key: 'customers',
    title: 'customers(first: 100) + coverage + contacts',
    query: CUSTOMERS_QUERY,
    variables: () => ({ first: 100 }),
    direct: directCustomers,
  },
  attention: {
    key: 'attention',
    title: 'attention(first: 50)',
    query: ATTENTION_QUERY,
    variables: () => ({ first: 50 }),
    direct: directAttention,
  },
  engineerAttention: {
    key: 'engineerAttention',
    title: 'engineer.attention(first: 50) (busiest engineer)',
    query: ENGINEER_ATTENTION_QUERY,
    variables: (_n, s) => ({ id: s.busiestEngineerId, first: 50 }),
    direct: directEngineerAttention,
  },
  planHandoff: {
    key: 'planHandoff',
    title: 'planHandoff (busiest engineer)',
    query: PLAN_HANDOFF_MUTATION,
    variables: (_n, s) => ({ input: planInput(s) }),
    direct: directPlanHandoff,
  },
  experts: {
    key: 'experts',
    title: 'experts(model) (who fixed this model before)',
    query: EXPERTS_QUERY,
    variables: (n) => ({ model: DEVICE_MODELS[n % DEVICE_MODELS.length][0] }),
    direct: directExperts,
  },
};

/** The GraphQL request body of the n-th request of an operation. */
export const requestBody = (op: Operation, n: number, s: Samples, override?: Record<string, unknown>) =>
  JSON.stringify({ query: op.query, variables: { ...op.variables(n, s), ...override } });
