import DataLoader from 'dataloader';
import { getNamedType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { NodeLabel } from '../domain/ids';
import { labelOfId } from '../domain/ids';
import { AppError, ErrorCode } from '../errors';
import type { Store } from '../graph/store';
import type { Principal } from './roles';
import { currentAt } from '../graph/current';

/**
 * Region scoping, decided here and nowhere else: a caller limited to regions sees and changes only
 * the customers located in those regions (and their sub-regions) and what is attached to them: their
 * contacts, devices, cases, interactions, commitments, handoff items, and the engineers who work for
 * them. The GraphQL guard (guard.middleware.ts) applies `keepVisible` to every field's result and
 * `refuseOutside` to every write; the REST routes, counts and summaries call the same functions.
 * Every check is batched per request (one statement per kind and depth), whatever the length of a list.
 */
const IN_SCOPE = (v: string) => `(${v})-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope`;

/** For each kind: the ids (of $ids) attached to a customer in scope. */
export const VISIBLE: Partial<Record<NodeLabel, string>> = {
  Customer: `UNWIND $ids AS id MATCH (c:Customer {id: id}) WHERE EXISTS { MATCH ${IN_SCOPE('c')} } RETURN id`,
  Contact: `UNWIND $ids AS id MATCH (p:Contact {id: id}) WHERE EXISTS { MATCH (p)-[:WORKS_AT]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Case: `UNWIND $ids AS id MATCH (k:\`Case\` {id: id}) WHERE EXISTS { MATCH (k)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Device: `UNWIND $ids AS id MATCH (d:Device {id: id}) WHERE EXISTS { MATCH (d)-[:INSTALLED_AT]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Interaction: `UNWIND $ids AS id MATCH (i:Interaction {id: id}) WHERE EXISTS { MATCH (i)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Commitment: `UNWIND $ids AS id MATCH (m:Commitment {id: id}) WHERE EXISTS { MATCH (m)-[:TO]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  HandoffItem: `UNWIND $ids AS id MATCH (i:HandoffItem {id: id}) WHERE EXISTS { MATCH (i)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Operation: `UNWIND $ids AS id MATCH (o:Operation {id: id}) WHERE EXISTS { MATCH (o)-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  Handoff: `UNWIND $ids AS id MATCH (h:Handoff {id: id}) WHERE EXISTS { MATCH (h)-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope } RETURN id`,
  // Our engineers: based in the regions, or working for a customer there (coverage, cases, promises,
  // visits, handoffs).
  Engineer: `UNWIND $ids AS id MATCH (e:Engineer {id: id})
WHERE EXISTS { MATCH (e)-[:BASED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)-[:COVERS]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)<-[:OWNED_BY]-(:\`Case\`)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)-[:WORKED_ON]->(:\`Case\`)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)-[:PROMISED]->(:Commitment)-[:TO]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)-[:HAD]->(:Interaction)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)<-[:FROM]-(:Handoff)-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
   OR EXISTS { MATCH (e)<-[:TO]-(:Handoff)-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $scope }
RETURN id`,
};

/** The customers a write concerns, by the kind of the id it names. */
export const CUSTOMERS_OF: Partial<Record<NodeLabel, string>> = {
  Customer: `UNWIND $ids AS id MATCH (c:Customer {id: id}) RETURN id, c.id AS customerId`,
  Case: `UNWIND $ids AS id MATCH (:\`Case\` {id: id})-[:FOR]->(c:Customer) RETURN id, c.id AS customerId`,
  Commitment: `UNWIND $ids AS id MATCH (:Commitment {id: id})-[:TO]->(c:Customer) RETURN id, c.id AS customerId`,
  Interaction: `UNWIND $ids AS id MATCH (:Interaction {id: id})-[:FOR]->(c:Customer) RETURN id, c.id AS customerId`,
  HandoffItem: `UNWIND $ids AS id MATCH (:HandoffItem {id: id})-[:FOR]->(c:Customer) RETURN id, c.id AS customerId`,
  Device: `UNWIND $ids AS id MATCH (:Device {id: id})-[:INSTALLED_AT]->(c:Customer) RETURN id, c.id AS customerId`,
  Operation: `UNWIND $ids AS id MATCH (:Operation {id: id})-[:\`ON\`]->(:Device)-[:INSTALLED_AT]->(c:Customer) RETURN id, c.id AS customerId`,
  Handoff: `UNWIND $ids AS id MATCH (:Handoff {id: id})-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer) RETURN DISTINCT id, c.id AS customerId`,
  // An engineer's handoff concerns every customer he covers now.
  Engineer: `UNWIND $ids AS id MATCH (e:Engineer {id: id})-[r:COVERS]->(c:Customer)
WHERE ${currentAt('r')} RETURN DISTINCT id, c.id AS customerId`,
};

const REGIONS_AT_AND_BELOW = `
UNWIND $ids AS id
MATCH (r:Region {id: id})<-[:PART_OF*0..10]-(s:Region)
RETURN DISTINCT s.id AS id`;

export interface Scope {
  /** False for ADMIN and local development: everything is visible. */
  readonly limited: boolean;
  /** Region ids at and below the granted ones (null when not limited). */
  regionIds(): Promise<string[] | null>;
  visible(label: NodeLabel, id: string): Promise<boolean>;
  /**
   * Lets the caller see these records for the rest of the request: ids he named himself in a write
   * that passed the scope check (e.g. the successors of his handoff, before they cover anyone).
   */
  allow(label: NodeLabel, ids: string[]): void;
  /** Keeps the records (by id) the caller may see, in order. */
  filter<T extends { id: string }>(label: NodeLabel, records: T[]): Promise<T[]>;
  /**
   * Of these ids (named by a write), the ones that concern a customer outside the caller's regions;
   * an engineer's id concerns the customers he covers at `at` (when the write takes effect).
   */
  outside(ids: string[], at: Date): Promise<string[]>;
}

export const UNLIMITED: Scope = {
  limited: false,
  regionIds: async () => null,
  visible: async () => true,
  filter: async (_l, r) => r,
  allow: () => undefined,
  outside: async () => [],
};

export function createScope(store: Store, principal: Principal): Scope {
  if (principal.regions === null) return UNLIMITED;
  let regions: Promise<string[]> | undefined;
  const regionIds = () =>
    (regions ??= principal.regions!.length
      ? store.read(REGIONS_AT_AND_BELOW, { ids: principal.regions }).then((rows) => rows.map((r) => r.id as string))
      : Promise.resolve([]));
  const loaders = new Map<NodeLabel, DataLoader<string, boolean>>();
  const loader = (label: NodeLabel) => {
    let l = loaders.get(label);
    if (!l) {
      const cypher = VISIBLE[label];
      l = new DataLoader<string, boolean>(async (ids) => {
        // Kinds without a customer of their own (regions, partners) are not secret.
        if (!cypher) return ids.map(() => true);
        const scope = await regionIds();
        const rows = scope.length ? await store.read(cypher, { ids: [...ids], scope }) : [];
        const ok = new Set(rows.map((r) => r.id as string));
        return ids.map((id) => ok.has(id));
      });
      loaders.set(label, l);
    }
    return l;
  };
  return {
    limited: true,
    regionIds,
    visible: (label, id) => loader(label).load(id),
    allow(label, ids) {
      for (const id of ids) loader(label).clear(id).prime(id, true);
    },
    async filter(label, records) {
      const flags = await loader(label).loadMany(records.map((r) => r.id));
      return records.filter((_, i) => flags[i] === true);
    },
    async outside(ids, at) {
      const byLabel = new Map<NodeLabel, string[]>();
      for (const id of ids) {
        const l = labelOfId(id);
        if (l && CUSTOMERS_OF[l]) byLabel.set(l, [...(byLabel.get(l) ?? []), id]);
      }
      const customersOf = new Map<string, string[]>();
      for (const [l, list] of byLabel) {
        const rows = await store.read(CUSTOMERS_OF[l]!, { ids: list, at: at.toISOString() });
        rows.forEach((r) => customersOf.set(r.id as string, [...(customersOf.get(r.id as string) ?? []), r.customerId as string]));
      }
      const all = [...new Set([...customersOf.values()].flat())];
      const flags = await loader('Customer').loadMany(all);
      const out = new Set(all.filter((_, i) => flags[i] !== true));
      return [...new Set(ids)].filter((id) => (customersOf.get(id) ?? []).some((c) => out.has(c)));
    },
  };
}

/**
 * Refuses a write that concerns customers outside the caller's regions (FORBIDDEN), naming only the
 * ids the caller sent, never the customers behind them (they are not his to know).
 */
export async function refuseOutside(scope: Scope, operation: string, ids: string[], at: Date): Promise<void> {
  if (!scope.limited || !ids.length) return;
  const outside = await scope.outside(ids, at);
  if (outside.length) {
    throw new AppError(ErrorCode.FORBIDDEN, `${operation} concerns customers outside your regions: ${outside.join(', ')}`, {
      ids: outside,
    });
  }
}

/**
 * Refuses a write whose effect reaches customers outside the caller's regions (e.g. the customers a
 * handoff hands over at its effective time), without naming them.
 */
export async function refuseOutsideCustomers(scope: Scope, operation: string, customerIds: string[]): Promise<void> {
  if (!scope.limited || !customerIds.length) return;
  const unique = [...new Set(customerIds)];
  const flags = await Promise.all(unique.map((id) => scope.visible('Customer', id)));
  const count = flags.filter((f) => !f).length;
  if (count)
    throw new AppError(ErrorCode.FORBIDDEN, `${operation} concerns ${count} customer${count === 1 ? '' : 's'} outside your regions`, {
      outside: count,
    });
}

type Target = { label: NodeLabel; id: string } | null;
const idOf = async (v: unknown): Promise<string | undefined> => ((await v) as { id?: string } | null | undefined)?.id;
const customer = async (v: unknown): Promise<Target> => {
  const id = await idOf(v);
  return id ? { label: 'Customer', id } : null;
};
const node = async (v: unknown): Promise<Target> => {
  const id = await idOf(v);
  const label = id ? labelOfId(id) : null;
  return id && label ? { label, id } : null;
};

/** A resolved value as the scope check sees it: an id, or the id of the customer it belongs to, or nested values. */
interface ScopedValue {
  id: string;
  customerId: string;
  node?: unknown;
  customer?: unknown;
  kase?: unknown;
  engineer?: unknown;
}

/**
 * GraphQL types whose values belong to a customer, and how to find the record to check. A row type
 * whose customer field is non-null (AttentionRow, a plan's assignment...) is checked as a whole, so
 * that it is dropped from its list rather than answering null where null is not allowed.
 */
export const SCOPED_TYPES: Record<string, (v: ScopedValue) => Target | Promise<Target>> = {
  Customer: (v) => ({ label: 'Customer', id: v.id }),
  Contact: (v) => ({ label: 'Contact', id: v.id }),
  Engineer: (v) => ({ label: 'Engineer', id: v.id }),
  Case: (v) => ({ label: 'Case', id: v.id }),
  Device: (v) => ({ label: 'Device', id: v.id }),
  Interaction: (v) => ({ label: 'Interaction', id: v.id }),
  Commitment: (v) => ({ label: 'Commitment', id: v.id }),
  Handoff: (v) => ({ label: 'Handoff', id: v.id }),
  HandoffItem: (v) => ({ label: 'HandoffItem', id: v.id }),
  Coverage: (v) => ({ label: 'Customer', id: v.customerId }),
  Employment: (v) => ({ label: 'Customer', id: v.customerId }),
  Node: (v) => node(v),
  SearchHit: (v) => node(v.node),
  AttentionRow: (v) => customer(v.customer),
  HandoffAssignment: (v) => customer(v.customer),
  PlannedHandoffItem: (v) => customer(v.customer),
  HandoffWarning: async (v) => (await customer(v.customer)) ?? (await node(v.kase)) ?? node(v.engineer),
  CustomerEdge: (v) => node(v.node),
  EngineerEdge: (v) => node(v.node),
  HandoffItemEdge: (v) => node(v.node),
};

/** Drops from a field's result (one value or a list) what lies outside the caller's regions. */
export async function keepVisible(type: GraphQLOutputType, value: unknown, scope: Scope): Promise<unknown> {
  const target = SCOPED_TYPES[getNamedType(type).name];
  if (!scope.limited || !target || value == null) return value;
  const check = async (v: unknown) => {
    const t = v && typeof v === 'object' ? await target(v as ScopedValue) : null;
    return t ? scope.visible(t.label, t.id) : true;
  };
  if (Array.isArray(value)) {
    const flags = await Promise.all(value.map(check));
    return value.filter((_, i) => flags[i]);
  }
  if (await check(value)) return value;
  // Where null is not allowed, a clear refusal rather than an internal error.
  if (isNonNullType(type))
    throw new AppError(ErrorCode.FORBIDDEN, `This ${getNamedType(type).name.toLowerCase()} lies outside your regions`);
  return null;
}
