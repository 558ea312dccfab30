import { currentAt } from '../current';
import type {
  CaseKind,
  CaseSeverity,
  CaseStatus,
  CommitmentStatus,
  ContactRole,
  CoverageRole,
  CustomerTier,
  EngineerKind,
  EngineerStatus,
  HandoffItemKind,
  InteractionChannel,
} from '../../domain/enums';
import { OPEN_CASE_STATUSES } from '../../domain/enums';
import type { CustomerSnapshot, EngineerLoad, SnapshotCase, SnapshotHeldWork, SnapshotHolding } from '../../domain/flags';
import type { SlaPolicy } from '../../domain/sla-policy';
import type { CustomerRecord } from '../records';
import type { Row, Store } from '../store';

/**
 * What the attention rules (src/domain/flags.ts) need, loaded for a whole SET of customers in a fixed
 * number of statements (SNAPSHOT_STATEMENTS, run in parallel), however many customers there are.
 * Every statement starts from the customers bound by `UNWIND $ids` (the embedded planner does not
 * reorder patterns) and returns flat rows keyed by customer id; the shaping happens in TypeScript.
 * Cut-offs are computed here, never with date arithmetic in Cypher.
 */

/** "Current at $at": from <= at and (to is null or at < to). */
/** The shared "current at $at" (src/graph/current.ts). */
const CURRENT = (r: string) => currentAt(r);

/**
 * The customer itself and its coverage current at $at: one row per customer, the node once. The
 * coverage is a pattern comprehension, not an OPTIONAL MATCH: on @grafeo-db/js 0.6.0 an OPTIONAL
 * MATCH after `UNWIND ... MATCH` is planned as a left join whose right side scans every node of the
 * graph (see bench/decay-repro.mjs), so its cost grew with unrelated nodes such as the access log.
 */
export const SNAPSHOT_COVERAGE = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id AS key, c,
  [(c)<-[r:COVERS]-(e:Engineer) WHERE ${CURRENT('r')} | {role: r.role, engineerId: e.id, status: e.status, kind: e.kind}] AS coverage`;

/**
 * For each current PRIMARY engineer of these customers: how many customers (any role, current,
 * not archived) and the regions of those customers (counted distinct in TypeScript) the engineer
 * covers (case C3).
 */
export const SNAPSHOT_PRIMARY_LOAD = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[r:COVERS]-(e:Engineer)
WHERE r.role = 'PRIMARY' AND ${CURRENT('r')}
WITH DISTINCT e
MATCH (e)-[r2:COVERS]->(c2:Customer)
WHERE ${CURRENT('r2')} AND coalesce(c2.status, 'ACTIVE') <> 'ARCHIVED'
WITH e, c2, [(c2)-[:LOCATED_IN]->(g:Region) | g.id] AS regionIds
RETURN e.id AS engineerId, count(DISTINCT c2) AS customers, collect(regionIds) AS regionIds`;

/** Contacts working at the customer at $at, with their role. */
export const SNAPSHOT_CONTACTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[w:WORKS_AT]-(p:Contact)
WHERE ${CURRENT('w')}
RETURN id AS key, p.id AS id, p.role AS role`;

/**
 * For each contact the customer's interactions were WITH: the latest interaction with that contact up
 * to $at. The latest interaction with any *current* contact is always among these rows, so
 * NO_CONTACT_IN_DAYS is exact (with its day count) without shipping the customer's whole history.
 */
export const SNAPSHOT_LAST_INTERACTIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(i:Interaction)-[:\`WITH\`]->(p:Contact)
WHERE i.at <= datetime($at)
WITH id, p.id AS contactId, i ORDER BY i.at DESC, i.id DESC
WITH id, contactId, collect(i) AS xs
WITH id, contactId, xs[0] AS last
RETURN id AS key, contactId, last.id AS id, last.at AS at, last.channel AS channel`;

/** The case filter: open, or closed and resolved on or after $resolvedSince (late resolutions still count). */
const CASE_FILTER = `(k.status IN $openStatuses OR k.resolvedAt >= datetime($resolvedSince))`;

/** Open and recently resolved cases with their owner current at $at and everyone who worked on them. */
export const SNAPSHOT_CASES = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(k:\`Case\`)
WHERE ${CASE_FILTER}
RETURN id AS key, k.id AS id, k.kind AS kind, k.severity AS severity, k.status AS status, k.openedAt AS openedAt,
  k.respondedAt AS respondedAt, k.resolvedAt AS resolvedAt, k.lastCustomerUpdateAt AS lastCustomerUpdateAt,
  [(k)-[o:OWNED_BY]->(owner:Engineer) WHERE ${currentAt('o')} | owner.id] AS owners,
  [(k)<-[:WORKED_ON]-(w:Engineer) | w.id] AS workers`;

/**
 * Interactions ABOUT the customer's open CRITICAL cases (the only cases a rule reads them for:
 * SEVERE_CASE_MANAGEMENT_NOT_INFORMED), with the roles of the contacts they were WITH.
 */
export const SNAPSHOT_CASE_INTERACTIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(k:\`Case\`)<-[:ABOUT]-(i:Interaction)
WHERE k.severity = 'CRITICAL' AND k.status IN $openStatuses AND i.at <= datetime($at)
RETURN id AS key, k.id AS caseId, i.id AS id, i.at AS at, [(i)-[:\`WITH\`]->(p:Contact) WHERE p.role IS NOT NULL | p.role] AS roles`;

/** Devices whose maintenance has ended or ends before $expiringBefore (the others cannot raise a flag). */
export const SNAPSHOT_DEVICES = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:INSTALLED_AT]-(d:Device)
WHERE coalesce(d.status, 'ACTIVE') <> 'ARCHIVED' AND d.maintenanceUntil IS NOT NULL AND d.maintenanceUntil <= datetime($expiringBefore)
RETURN id AS key, d.id AS id, d.maintenanceUntil AS maintenanceUntil`;

/**
 * OPEN checklist items for the customer of handoffs that have taken effect (effectiveAt <= $at) and
 * were not cancelled: before its effective time an open item is preparation, not something left open.
 * Items without createdAt count from their handoff's creation (or effective time).
 */
export const SNAPSHOT_HANDOFF_ITEMS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:FOR]-(i:HandoffItem)<-[:INCLUDES]-(h:Handoff)
WHERE i.status = 'OPEN' AND h.status <> 'CANCELLED' AND h.effectiveAt <= datetime($at)
RETURN id AS key, i.id AS id, i.kind AS kind, coalesce(i.createdAt, h.createdAt, h.effectiveAt) AS createdAt`;

/** Promises still marked OPEN. */
export const SNAPSHOT_COMMITMENTS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:TO]-(m:Commitment)
WHERE m.status = 'OPEN'
RETURN id AS key, m.id AS id, m.dueAt AS dueAt, m.status AS status`;

/**
 * Open work and who holds it (WORK_STRANDED): open cases with their current owner, open promises with
 * who made them, each with the engineer's status, and every coverage period of the customer (the rule
 * decides in TypeScript who no longer covers it at $at).
 */
export const SNAPSHOT_HELD_WORK = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})
RETURN id AS key,
  [(c)<-[:FOR]-(k:\`Case\`)-[o:OWNED_BY]->(e:Engineer) WHERE ${currentAt('o')} AND k.status IN $openStatuses | {id: k.id, engineerId: e.id, status: e.status}] AS cases,
  [(c)<-[:TO]-(m:Commitment)<-[:PROMISED]-(e:Engineer) WHERE m.status = 'OPEN' | {id: m.id, engineerId: e.id, status: e.status}] AS commitments,
  [(c)<-[r:COVERS]-(e:Engineer) | {engineerId: e.id, from: r.from, to: r.to}] AS periods`;
/** How far back a started operation can still raise a change-control flag (days). */
export const OPERATION_LOOKBACK_DAYS = 90;

/**
 * Operations on the customer's devices that a change-control rule can still judge: planned or in
 * progress, or started on or after $operationsSince (OPERATION_LOOKBACK_DAYS ago), with their
 * authorisation sides, performers, informed contacts and whom those report to.
 */
export const SNAPSHOT_OPERATIONS = `
UNWIND $ids AS id
MATCH (c:Customer {id: id})<-[:INSTALLED_AT]-(d:Device)<-[:\`ON\`]-(o:Operation)
WHERE o.status IN ['PLANNED', 'IN_PROGRESS'] OR o.startedAt >= datetime($operationsSince)
RETURN id AS key, o.id AS id, o.kind AS kind, o.risk AS risk, o.status AS status, o.startedAt AS startedAt,
  o.compatibilityCheckedAt AS checkedAt, d.id AS deviceId,
  [(o)-[a:AUTHORISED_BY]->(x) | a.side] AS sides,
  [(o)-[:PERFORMED_BY]->(e:Engineer) | e.id] AS performers,
  [(o)-[:INFORMS]->(p:Contact) | [p.id, p.role]] AS informed,
  [(o)-[:INFORMS]->(p:Contact)-[:REPORTS_TO]->(m:Contact) | [p.id, m.id]] AS lines`;

/** The number of statements one snapshot batch costs (whatever the number of customers). */
export const SNAPSHOT_STATEMENTS = 11;

// ---- candidates of the attention list ----

const CANDIDATE_FILTER = `($tier IS NULL OR c.tier = $tier) AND coalesce(c.status, 'ACTIVE') <> 'ARCHIVED'`;

/** Every customer that is not archived (optionally of one tier). */
export const CANDIDATES_ALL = `
MATCH (c:Customer)
WHERE ${CANDIDATE_FILTER}
RETURN c`;

/** Customers located in the region or any of its sub-regions (starting from the region). */
export const CANDIDATES_IN_REGION = `
MATCH (r:Region {id: $regionId})<-[:PART_OF*0..10]-(s:Region)<-[:LOCATED_IN]-(c:Customer)
WHERE ${CANDIDATE_FILTER}
RETURN DISTINCT c`;

/** Customers the engineer covers at $at in any role (starting from the engineer), optionally in a region tree. */
export const CANDIDATES_COVERED_BY = `
MATCH (:Engineer {id: $engineerId})-[cv:COVERS]->(c:Customer)
WHERE ${CURRENT('cv')} AND ${CANDIDATE_FILTER}
  AND ($regionId IS NULL OR EXISTS { MATCH (c)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..10]->(r:Region) WHERE r.id = $regionId })
RETURN DISTINCT c`;

export interface CandidateFilter {
  regionId?: string | null;
  tier?: CustomerTier | null;
  engineerId?: string | null;
}

/** The customers an attention list ranks: one statement, whatever the filter. */
export async function attentionCandidates(store: Store, filter: CandidateFilter, now: Date): Promise<CustomerRecord[]> {
  const params = {
    tier: filter.tier ?? null,
    regionId: filter.regionId ?? null,
    engineerId: filter.engineerId ?? null,
    at: now.toISOString(),
  };
  const cypher = filter.engineerId ? CANDIDATES_COVERED_BY : filter.regionId ? CANDIDATES_IN_REGION : CANDIDATES_ALL;
  const rows = await store.read(cypher, params);
  return rows.map((r) => r.c as unknown as CustomerRecord);
}

// ---- snapshots ----

export interface LoadedSnapshot {
  customer: CustomerRecord;
  snapshot: CustomerSnapshot;
}

const DAY_MS = 24 * 3_600_000;
const str = (v: unknown): string | null => (v == null ? null : String(v));
const group = (rows: Row[], key = 'key'): Map<string, Row[]> => {
  const m = new Map<string, Row[]>();
  for (const row of rows) {
    const k = row[key] as string;
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(row);
  }
  return m;
};

function heldWork(row: Row | undefined): SnapshotHeldWork {
  const holdings = (v: unknown): SnapshotHolding[] =>
    ((v as Row[] | null) ?? [])
      .filter((h) => h && h.id != null && h.engineerId != null)
      .map((h) => ({ id: h.id as string, engineerId: h.engineerId as string, status: h.status as EngineerStatus }));
  return {
    cases: holdings(row?.cases),
    commitments: holdings(row?.commitments),
    coveragePeriods: ((row?.periods as Row[] | null) ?? [])
      .filter((p) => p && p.engineerId != null && p.from != null)
      .map((p) => ({ engineerId: p.engineerId as string, from: p.from as string, to: str(p.to) })),
  };
}

/**
 * Snapshots of the given customers at `now`, keyed by customer id (unknown ids are absent).
 * Always SNAPSHOT_STATEMENTS statements, in parallel; none when `ids` is empty.
 */
export async function loadSnapshots(
  store: Store,
  ids: readonly string[],
  now: Date,
  policy: SlaPolicy,
): Promise<Map<string, LoadedSnapshot>> {
  const out = new Map<string, LoadedSnapshot>();
  if (ids.length === 0) return out;
  const { lateResolvedLookbackDays, maintenanceExpiringDays } = policy.thresholds;
  const params = {
    ids: [...ids],
    at: now.toISOString(),
    openStatuses: OPEN_CASE_STATUSES,
    resolvedSince: new Date(now.getTime() - lateResolvedLookbackDays * DAY_MS).toISOString(),
    expiringBefore: new Date(now.getTime() + maintenanceExpiringDays * DAY_MS).toISOString(),
    operationsSince: new Date(now.getTime() - OPERATION_LOOKBACK_DAYS * DAY_MS).toISOString(),
  };
  const [coverage, loads, contacts, interactions, cases, caseInteractions, devices, items, commitments, held, operations] =
    await Promise.all(
      [
        SNAPSHOT_COVERAGE,
        SNAPSHOT_PRIMARY_LOAD,
        SNAPSHOT_CONTACTS,
        SNAPSHOT_LAST_INTERACTIONS,
        SNAPSHOT_CASES,
        SNAPSHOT_CASE_INTERACTIONS,
        SNAPSHOT_DEVICES,
        SNAPSHOT_HANDOFF_ITEMS,
        SNAPSHOT_COMMITMENTS,
        SNAPSHOT_HELD_WORK,
        SNAPSHOT_OPERATIONS,
      ].map((cypher) => store.read(cypher, params)),
    );

  const loadOf = new Map<string, EngineerLoad>();
  for (const r of loads) {
    const engineerId = r.engineerId as string;
    const regions = new Set(((r.regionIds as string[][]) ?? []).flat());
    loadOf.set(engineerId, { engineerId, customers: Number(r.customers), regions: regions.size });
  }

  const byCustomer = {
    contacts: group(contacts),
    interactions: group(interactions),
    cases: group(cases),
    devices: group(devices),
    items: group(items),
    commitments: group(commitments),
    held: group(held),
    operations: group(operations),
  };
  const interactionsByCase = group(caseInteractions, 'caseId');

  for (const row of coverage) {
    const id = row.key as string;
    const customer = row.c as unknown as CustomerRecord;
    const cov = ((row.coverage as Row[]) ?? [])
      .filter((r) => r.engineerId != null && r.role != null)
      .map((r) => ({
        role: r.role as CoverageRole,
        engineer: { id: r.engineerId as string, status: r.status as EngineerStatus, kind: r.kind as EngineerKind },
      }));
    const primaryIds = [...new Set(cov.filter((c) => c.role === 'PRIMARY').map((c) => c.engineer.id))];

    // Interactions arrive once per contact; an interaction with several contacts is merged back.
    const merged = new Map<string, CustomerSnapshot['interactions'][number]>();
    for (const r of byCustomer.interactions.get(id) ?? []) {
      const iid = r.id as string;
      const seen = merged.get(iid);
      if (seen) seen.contactIds.push(r.contactId as string);
      else merged.set(iid, { id: iid, at: r.at as string, channel: r.channel as InteractionChannel, contactIds: [r.contactId as string] });
    }

    const snapshotCases: SnapshotCase[] = (byCustomer.cases.get(id) ?? []).map((r) => ({
      id: r.id as string,
      kind: r.kind as CaseKind,
      severity: r.severity as CaseSeverity,
      status: r.status as CaseStatus,
      openedAt: r.openedAt as string,
      respondedAt: str(r.respondedAt),
      resolvedAt: str(r.resolvedAt),
      lastCustomerUpdateAt: str(r.lastCustomerUpdateAt),
      // One current owner is the rule; should the data hold two, the first by id stands for both.
      owner: ((r.owners as string[]) ?? []).slice().sort()[0] ?? null,
      workers: [...new Set((r.workers as string[]) ?? [])],
      interactions: (interactionsByCase.get(r.id as string) ?? []).map((x) => ({
        id: x.id as string,
        at: x.at as string,
        contactRoles: ((x.roles as string[]) ?? []) as ContactRole[],
      })),
    }));

    out.set(id, {
      customer,
      snapshot: {
        customer: { id, tier: customer.tier as CustomerTier },
        coverage: cov,
        primaryLoad: primaryIds.flatMap((e) => (loadOf.has(e) ? [loadOf.get(e)!] : [])),
        contacts: (byCustomer.contacts.get(id) ?? []).map((r) => ({ id: r.id as string, role: r.role as ContactRole })),
        interactions: [...merged.values()],
        cases: snapshotCases,
        devices: (byCustomer.devices.get(id) ?? []).map((r) => ({ id: r.id as string, maintenanceUntil: str(r.maintenanceUntil) })),
        openHandoffItems: (byCustomer.items.get(id) ?? []).map((r) => ({
          id: r.id as string,
          kind: r.kind as HandoffItemKind,
          createdAt: r.createdAt as string,
        })),
        commitments: (byCustomer.commitments.get(id) ?? []).map((r) => ({
          id: r.id as string,
          dueAt: r.dueAt as string,
          status: r.status as CommitmentStatus,
        })),
        heldWork: heldWork(byCustomer.held.get(id)?.[0]),
        operations: (byCustomer.operations.get(id) ?? []).map((r) => {
          const reportsTo = new Map(((r.lines as string[][]) ?? []).map(([p, m]) => [p, m]));
          return {
            id: r.id as string,
            kind: r.kind as string,
            risk: str(r.risk),
            status: r.status as string,
            startedAt: str(r.startedAt),
            compatibilityCheckedAt: str(r.checkedAt),
            deviceId: r.deviceId as string,
            authorisedSides: ((r.sides as string[]) ?? []).filter(Boolean),
            performerIds: (r.performers as string[]) ?? [],
            informed: ((r.informed as string[][]) ?? []).map(([pid, role]) => ({
              id: pid,
              role: role ?? null,
              reportsToId: reportsTo.get(pid) ?? null,
            })),
          };
        }),
      },
    });
  }
  return out;
}
