import DataLoader from 'dataloader';
import type { NodeLabel } from '../domain/ids';
import { labelOfId } from '../domain/ids';
import type { Store } from '../graph/store';
import type { Principal } from './roles';

/**
 * Region scoping: a caller limited to regions sees and changes only the customers located in those
 * regions (and their sub-regions) and what is attached to them: their contacts, devices, cases,
 * interactions, commitments, handoff items, and the engineers who work for them. Every check is
 * batched per request (one statement per kind and depth), whatever the length of a list.
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
WHERE r.from <= datetime($at) AND (r.to IS NULL OR datetime($at) < r.to) RETURN DISTINCT id, c.id AS customerId`,
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
  /** Keeps the records (by id) the caller may see, in order. */
  filter<T extends { id: string }>(label: NodeLabel, records: T[]): Promise<T[]>;
  /** The customers (of these ids) outside the caller's regions. */
  outside(ids: string[], now: Date): Promise<string[]>;
}

export const UNLIMITED: Scope = {
  limited: false,
  regionIds: async () => null,
  visible: async () => true,
  filter: async (_l, r) => r,
  outside: async () => [],
};

export function createScope(store: Store, principal: Principal): Scope {
  if (principal.regions === null) return UNLIMITED;
  let regions: Promise<string[]> | undefined;
  const regionIds = () => (regions ??= principal.regions!.length ? store.read(REGIONS_AT_AND_BELOW, { ids: principal.regions }).then((rows) => rows.map((r) => r.id as string)) : Promise.resolve([]));
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
    async filter(label, records) {
      const flags = await loader(label).loadMany(records.map((r) => r.id));
      return records.filter((_, i) => flags[i] === true);
    },
    async outside(ids, now) {
      const byLabel = new Map<NodeLabel, string[]>();
      for (const id of ids) {
        const l = labelOfId(id);
        if (l && CUSTOMERS_OF[l]) byLabel.set(l, [...(byLabel.get(l) ?? []), id]);
      }
      const customers = new Set<string>();
      for (const [l, list] of byLabel) {
        const rows = await store.read(CUSTOMERS_OF[l]!, { ids: list, at: now.toISOString() });
        rows.forEach((r) => customers.add(r.customerId as string));
      }
      const all = [...customers];
      const flags = await loader('Customer').loadMany(all);
      return all.filter((_, i) => flags[i] !== true);
    },
  };
}
