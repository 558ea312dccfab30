import * as abs from './repositories/absence.repo';
import { absencesFromLists } from './repositories/absence-rows';
import type DataLoader from 'dataloader';
import type { NodeLabel } from '../domain/ids';
import { LoaderFamily, manyLoader, oneLoader } from './batch';
import type { ListProjection } from './list-projection';
import { byNameThenId } from '../domain/text-order';
import * as cov from './repositories/coverage.repo';
import * as cus from './repositories/customer.repo';
import * as ppl from './repositories/people.repo';
import * as cas from './repositories/case.repo';
import * as hof from './repositories/handoff.repo';
import { nodesByIdCypher } from './repositories/node.repo';
import * as opr from './repositories/operation.repo';
import { expertsLoader } from './repositories/experts.repo';
import type {
  CaseRecord,
  CommitmentRecord,
  ContactRecord,
  CoverageRecord,
  CustomerRecord,
  DeviceRecord,
  EmploymentRecord,
  EngineerRecord,
  HandoffItemRecord,
  HandoffRecord,
  InteractionRecord,
  OwnershipRecord,
  PartnerRecord,
  Props,
  RegionRecord,
} from './records';
import type { Row, Store } from './store';

const node =
  <T>(col: string) =>
  (row: Row) =>
    row[col] as unknown as T;

/** A record plus the label it was found under (for `node(id)`, search and item targets). */
export interface Labelled {
  label: NodeLabel;
  record: Props;
}

type One<T> = DataLoader<string, T | null>;

/**
 * DataLoaders for every relation field, created fresh for each request (so nothing is cached across
 * requests or callers). `now` is the request's clock: "current" means current at that instant.
 */
export function createLoaders(store: Store, now: Date) {
  const nowIso = now.toISOString();
  const byId = new Map<NodeLabel, One<Props>>();
  const nodeById = (label: NodeLabel): One<Props> => {
    let l = byId.get(label);
    if (!l) byId.set(label, (l = oneLoader(store, nodesByIdCypher(label), node<Props>('n'))));
    return l;
  };
  const typed = <T>(label: NodeLabel) => nodeById(label) as unknown as One<T>;

  const toEmployment = (row: Row): EmploymentRecord => {
    const w = (row.w ?? {}) as Props;
    return {
      contactId: row.contactId as string,
      customerId: row.customerId as string,
      from: (w.from as string) ?? null,
      to: (w.to as string) ?? null,
      title: (w.title as string) ?? null,
    };
  };

  const loaders = {
    now: nowIso,
    nodeById,
    region: typed<RegionRecord>('Region'),
    customer: typed<CustomerRecord>('Customer'),
    contact: typed<ContactRecord>('Contact'),
    engineer: typed<EngineerRecord>('Engineer'),
    partner: typed<PartnerRecord>('Partner'),
    device: typed<DeviceRecord>('Device'),
    case: typed<CaseRecord>('Case'),
    interaction: typed<InteractionRecord>('Interaction'),
    commitment: typed<CommitmentRecord>('Commitment'),
    handoff: typed<HandoffRecord>('Handoff'),
    handoffItem: typed<HandoffItemRecord>('HandoffItem'),
    coverage: oneLoader(store, cov.COVERAGE_BY_ID, cov.toCoverage) as One<CoverageRecord>,

    // Customer
    regionOfCustomer: oneLoader(store, cus.REGION_OF_CUSTOMERS, node<RegionRecord>('r')),
    parentOfCustomer: oneLoader(store, cus.PARENT_OF_CUSTOMERS, node<CustomerRecord>('p')),
    branchesOfCustomer: manyLoader(store, cus.BRANCHES_OF_CUSTOMERS, node<CustomerRecord>('b')),
    /** `fields`: the coverage's and engineer's properties to read (null: all; see src/resolvers/projections.ts). */
    coverageOfCustomer: new LoaderFamily(
      ({ at, role, fields }: { at: string; role: string | null; fields: cov.CoverageFields | null }) => {
        const f = fields ?? cov.ALL_COVERAGE_FIELDS;
        const whole = cov.readsEveryProperty(f);
        return manyLoader(
          store,
          cov.coverageOfCustomersAtCypher(f),
          (raw) => {
            const row = cov.coverageRow(raw, f.r, f.e);
            if (!whole) return coverageWithOwnEngineer(row);
            const coverage = coverageWithEngineer(row);
            if (f.absences) primeAbsences(raw, coverage);
            return coverage;
          },
          { at, role },
        );
      },
      (a) => `${a.at}|${a.role}|${cov.coverageFieldsName(a.fields ?? cov.ALL_COVERAGE_FIELDS)}`,
    ),
    coverageHistoryOfCustomer: manyLoader(store, cov.COVERAGE_HISTORY_OF_CUSTOMERS, (raw) => coverageWithEngineer(cov.coverageRow(raw))),
    /** `fields`: the contacts' properties to read, `name` among them for the order (null: all; see src/resolvers/projections.ts). */
    contactsOfCustomer: new LoaderFamily(
      ({ includeFormer, fields }: { includeFormer: boolean; fields: ListProjection | null }) => {
        const projection = fields ?? cus.CONTACT_FIELDS;
        return manyLoader(
          store,
          cus.contactsOfCustomersCypher(projection),
          (raw) => cus.contactRow(raw, projection).p as unknown as ContactRecord,
          { includeFormer, at: nowIso },
          byNameThenId,
        );
      },
      (a) => `${a.includeFormer}|${(a.fields ?? cus.CONTACT_FIELDS).name}`,
    ),
    devicesOfCustomer: manyLoader(store, cus.DEVICES_OF_CUSTOMERS, node<DeviceRecord>('d')),
    casesOfCustomer: new LoaderFamily((a: { statuses: string[] | null }) =>
      manyLoader(store, a.statuses ? cus.CASES_OF_CUSTOMERS_WITH_STATUS : cus.CASES_OF_CUSTOMERS, primeOwnerships, a),
    ),
    lastInteractionOfCustomer: oneLoader(store, cus.LAST_INTERACTION_OF_CUSTOMERS, node<InteractionRecord>('i')),
    interactionsOfCustomer: manyLoader(store, cus.INTERACTIONS_OF_CUSTOMERS, node<InteractionRecord>('i')),
    commitmentsOfCustomer: new LoaderFamily((a: { statuses: string[] | null }) =>
      manyLoader(store, cus.COMMITMENTS_OF_CUSTOMERS, node<CommitmentRecord>('m'), a),
    ),
    lastHandoffOfCustomer: oneLoader(store, hof.LAST_HANDOFF_OF_CUSTOMERS, primeHandoffItems),

    // Contact
    employmentsOfContact: manyLoader(store, ppl.EMPLOYMENTS_OF_CONTACTS, toEmployment),
    managerOfContact: oneLoader(store, ppl.MANAGER_OF_CONTACTS, node<ContactRecord>('m')),
    reportsOfContact: manyLoader(store, ppl.REPORTS_OF_CONTACTS, node<ContactRecord>('r')),
    reportingLineOfContact: manyLoader(store, ppl.REPORTING_LINE_OF_CONTACTS, node<ContactRecord>('m')),

    // Engineer and partner
    partnerOfEngineer: oneLoader(store, ppl.PARTNER_OF_ENGINEERS, node<PartnerRecord>('p')),
    engineersOfPartner: manyLoader(store, ppl.ENGINEERS_OF_PARTNERS, node<EngineerRecord>('e')),
    regionOfEngineer: oneLoader(store, ppl.REGION_OF_ENGINEERS, node<RegionRecord>('r')),
    portfolioOfEngineer: new LoaderFamily((a: { at: string; role: string | null }) =>
      manyLoader(store, cov.PORTFOLIO_OF_ENGINEERS_AT, cov.toCoverage, a),
    ),
    ownedCasesOfEngineer: new LoaderFamily((a: { statuses: string[] | null }) =>
      manyLoader(store, ppl.OWNED_CASES_OF_ENGINEERS, node<CaseRecord>('k'), { ...a, at: nowIso }),
    ),
    absencesOfEngineer: manyLoader(store, abs.ABSENCES_OF_ENGINEERS, abs.toAbsence),
    outgoingHandoffsOfEngineer: manyLoader(store, hof.OUTGOING_HANDOFFS_OF_ENGINEERS, node<HandoffRecord>('h')),
    incomingHandoffsOfEngineer: manyLoader(store, hof.INCOMING_HANDOFFS_OF_ENGINEERS, node<HandoffRecord>('h')),

    // Case, device, interaction, commitment, region
    customerOfCase: oneLoader(store, cas.CUSTOMER_OF_CASES, node<CustomerRecord>('c')),
    deviceOfCase: oneLoader(store, cas.DEVICE_OF_CASES, node<DeviceRecord>('d')),
    raisedByOfCase: oneLoader(store, cas.RAISED_BY_OF_CASES, node<ContactRecord>('p')),
    ownershipsOfCase: manyLoader(store, cas.OWNERSHIPS_OF_CASES, (row): OwnershipRecord => {
      const o = row.o as Props;
      primeEngineer(row, null);
      return { caseId: row.key as string, engineerId: row.engineerId as string, from: o.from as string, to: (o.to as string) ?? null };
    }),
    workersOfCase: manyLoader(store, cas.WORKERS_OF_CASES, node<EngineerRecord>('e')),
    interactionsOfCase: manyLoader(store, cas.INTERACTIONS_OF_CASES, node<InteractionRecord>('i')),
    customerOfDevice: oneLoader(store, cas.CUSTOMER_OF_DEVICES, node<CustomerRecord>('c')),
    casesOfDevice: manyLoader(store, cas.CASES_OF_DEVICES, node<CaseRecord>('k')),
    engineerOfInteraction: oneLoader(store, cas.ENGINEER_OF_INTERACTIONS, node<EngineerRecord>('e')),
    contactsOfInteraction: manyLoader(store, cas.CONTACTS_OF_INTERACTIONS, node<ContactRecord>('p')),
    caseOfInteraction: oneLoader(store, cas.CASE_OF_INTERACTIONS, node<CaseRecord>('k')),
    customerOfInteraction: oneLoader(store, cas.CUSTOMER_OF_INTERACTIONS, node<CustomerRecord>('c')),
    engineerOfCommitment: oneLoader(store, cas.ENGINEER_OF_COMMITMENTS, node<EngineerRecord>('e')),
    customerOfCommitment: oneLoader(store, cas.CUSTOMER_OF_COMMITMENTS, node<CustomerRecord>('c')),
    caseOfCommitment: oneLoader(store, cas.CASE_OF_COMMITMENTS, node<CaseRecord>('k')),
    parentOfRegion: oneLoader(store, cas.PARENT_OF_REGIONS, node<RegionRecord>('p')),
    childrenOfRegion: manyLoader(store, cas.CHILDREN_OF_REGIONS, node<RegionRecord>('s')),

    // Handoff
    fromOfHandoff: oneLoader(store, hof.FROM_OF_HANDOFFS, node<EngineerRecord>('e')),
    toOfHandoff: manyLoader(store, hof.TO_OF_HANDOFFS, node<EngineerRecord>('e')),
    itemsOfHandoff: manyLoader(store, hof.ITEMS_OF_HANDOFFS, primeItemCustomer),
    targetOfItem: oneLoader(store, hof.TARGET_OF_ITEMS, (row): Labelled => ({
      label: (row.labels as string[])[0] as NodeLabel,
      record: row.t as Props,
    })),
    customerOfItem: oneLoader(store, hof.CUSTOMER_OF_ITEMS, node<CustomerRecord>('c')),
    assigneeOfItem: oneLoader(store, hof.ASSIGNEE_OF_ITEMS, node<EngineerRecord>('e')),
    handoffOfItem: oneLoader(store, hof.HANDOFF_OF_ITEMS, node<HandoffRecord>('h')),

    // Operations and experience (issue 14)
    operation: typed<Props>('Operation'),
    operationsOfDevice: manyLoader(store, opr.OPERATIONS_OF_DEVICES, node<Props>('o')),
    operationsOfCustomer: manyLoader(store, opr.OPERATIONS_OF_CUSTOMERS, node<Props>('o')),
    operationsOfCase: manyLoader(store, opr.OPERATIONS_OF_CASES, node<Props>('o')),
    deviceOfOperation: oneLoader(store, opr.DEVICE_OF_OPERATIONS, node<DeviceRecord>('d')),
    performerOfOperation: oneLoader(store, opr.PERFORMER_OF_OPERATIONS, node<EngineerRecord>('e')),
    caseOfOperation: oneLoader(store, opr.CASE_OF_OPERATIONS, node<CaseRecord>('k')),
    informedOfOperation: manyLoader(store, opr.INFORMED_OF_OPERATIONS, node<ContactRecord>('p')),
    authorisationsOfOperation: manyLoader(store, opr.AUTHORISATIONS_OF_OPERATIONS, (row) => ({
      side: row.side as string,
      at: row.at as string,
      byId: row.byId as string,
    })),
    experts: expertsLoader(store, now),
  };

  /** A case row carries its ownerships: the owner field then needs no statement of its own. */
  function primeOwnerships(row: Row): CaseRecord {
    const k = row.k as unknown as CaseRecord;
    const owners = ((row.owners as Row[]) ?? [])
      .map((o): OwnershipRecord => {
        primeEngineer(o, null);
        return { caseId: k.id, engineerId: (o.e as Props).id as string, from: o.from as string, to: (o.to as string) ?? null };
      })
      // As OWNERSHIPS_OF_CASES orders them: newest first.
      .sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
    loaders.ownershipsOfCase.prime(k.id, owners);
    return k;
  }

  /** An item row carries its customer: filtering items by customer needs no statement of its own. */
  function primeItemCustomer(row: Row): HandoffItemRecord {
    const item = row.i as unknown as HandoffItemRecord;
    loaders.customerOfItem.prime(item.id, ((row.customers as unknown as CustomerRecord[]) ?? [])[0] ?? null);
    return item;
  }

  /** A last-handoff row carries the handoff's items, in ITEMS_OF_HANDOFFS's order (seq, then id). */
  function primeHandoffItems(row: Row): HandoffRecord {
    const h = row.h as unknown as HandoffRecord;
    const customers = new Map<string, Props[]>();
    for (const x of (row.itemCustomers as Row[]) ?? [])
      customers.set(x.item as string, [...(customers.get(x.item as string) ?? []), x.c as Props]);
    const items = ((row.items as Props[]) ?? [])
      .map((i) => ({
        seq: i.seq as number | null | undefined,
        item: primeItemCustomer({ i, customers: customers.get(i.id as string) ?? [] }),
      }))
      .sort((a, b) => bySeqThenId(a.seq, a.item.id, b.seq, b.item.id))
      .map((x) => x.item);
    loaders.itemsOfHandoff.prime(h.id, items);
    return h;
  }

  /** A row that already carries the engineer spares the engineer loader a round trip. */
  function coverageWithEngineer(row: Row): CoverageRecord {
    return primeEngineer(row, cov.toCoverage(row));
  }

  /** A coverage read with fewer engineer properties: the partial engineer stays on the coverage. */
  function coverageWithOwnEngineer(row: Row): CoverageRecord {
    const coverage = cov.toCoverage(row);
    const e = row.e as Props | null;
    if (e) coverage.engineer = e as unknown as EngineerRecord;
    return coverage;
  }

  /** The coverage row's engineer's absences, as absencesOfEngineer would load them (escalation path). */
  function primeAbsences(row: Row, coverage: CoverageRecord): void {
    loaders.absencesOfEngineer.prime(coverage.engineerId, absencesFromLists(coverage.engineerId, row.absences, row.absenceCovers));
  }

  function primeEngineer<T>(row: Row, value: T): T {
    const e = row.e as Props | undefined;
    if (e && typeof e.id === 'string') loaders.engineer.prime(e.id, e as unknown as EngineerRecord);
    return value;
  }

  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Cypher's `ORDER BY seq, id`: nulls last. */
function bySeqThenId(sa: number | null | undefined, ia: string, sb: number | null | undefined, ib: string): number {
  const na = sa == null;
  const nb = sb == null;
  if (na !== nb) return na ? 1 : -1;
  if (!na && sa !== sb) return (sa as number) - (sb as number);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
