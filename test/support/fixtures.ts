import { validateRecord } from '../../src/domain/record-validation';
import { EDGE_KINDS, NODE_KINDS } from '../../src/graph/kinds';
import { upsertKind } from '../../src/graph/repositories/upsert.repo';
import type { Store } from '../../src/graph/store';

type R = Record<string, unknown>;

/**
 * A small typed builder for test graphs. It writes through the same validated, batched upserts as
 * the bulk import, in one transaction; an invalid record fails the test with the field named.
 */
export class GraphBuilder {
  private readonly rows = new Map<string, R[]>();

  private add(kind: string, row: R): this {
    const spec = NODE_KINDS.find((k) => k.kind === kind) ?? EDGE_KINDS.find((k) => k.kind === kind)!;
    const { row: clean, problems } = validateRecord(spec, row);
    if (problems.length) throw new Error(`fixture ${kind} ${JSON.stringify(row)}: ${JSON.stringify(problems)}`);
    const list = this.rows.get(kind) ?? [];
    list.push(clean);
    this.rows.set(kind, list);
    return this;
  }

  region(r: { id: string; name: string; kind: 'PROVINCE' | 'CITY' | 'OFFICE'; parentId?: string }) {
    return this.add('regions', r);
  }
  partner(r: { id: string; name: string }) {
    return this.add('partners', r);
  }
  customer(r: {
    id: string;
    name: string;
    nameLatin?: string;
    tier: 'VIP' | 'KEY' | 'STANDARD';
    segment?: string;
    regionId?: string;
    parentId?: string;
    status?: string;
  }) {
    return this.add('customers', r);
  }
  engineer(r: {
    id: string;
    name: string;
    nameLatin?: string;
    kind: 'EMPLOYEE' | 'PARTNER';
    status?: string;
    phone?: string;
    email?: string;
    skills?: string[];
    regionId?: string;
    partnerId?: string;
  }) {
    return this.add('engineers', r);
  }
  contact(r: {
    id: string;
    name: string;
    nameLatin?: string;
    title?: string;
    role: string;
    phone?: string;
    email?: string;
    reportsToId?: string;
  }) {
    return this.add('contacts', r);
  }
  employment(r: { contactId: string; customerId: string; from: string; to?: string; title?: string }) {
    return this.add('employments', r);
  }
  coverage(r: { id: string; engineerId: string; customerId: string; role: string; from: string; to?: string; assignedBy?: string }) {
    return this.add('coverage', r);
  }
  device(r: {
    id: string;
    serial: string;
    model: string;
    productLine?: string;
    softwareVersion?: string;
    installedAt?: string;
    maintenanceUntil?: string;
    customerId: string;
  }) {
    return this.add('devices', r);
  }
  case(r: {
    id: string;
    number?: string;
    title: string;
    kind: string;
    severity: string;
    status: string;
    openedAt: string;
    respondedAt?: string;
    resolvedAt?: string;
    lastCustomerUpdateAt?: string;
    customerId: string;
    deviceId?: string;
    raisedById?: string;
    workedOnIds?: string[];
  }) {
    return this.add('cases', r);
  }
  ownership(r: { caseId: string; engineerId: string; from: string; to?: string }) {
    return this.add('case-ownerships', r);
  }
  interaction(r: {
    id: string;
    at: string;
    channel: string;
    summary?: string;
    customerId: string;
    engineerId?: string;
    caseId?: string;
    contactIds?: string[];
  }) {
    return this.add('interactions', r);
  }
  commitment(r: {
    id: string;
    text: string;
    dueAt: string;
    status?: string;
    madeAt?: string;
    customerId: string;
    engineerId?: string;
    caseId?: string;
  }) {
    return this.add('commitments', r);
  }
  handoff(r: { id: string; reason: string; effectiveAt: string; status: string; fromId: string; toIds: string[] }) {
    return this.add('handoffs', r);
  }
  handoffItem(r: {
    id: string;
    kind: string;
    status?: string;
    seq?: number;
    handoffId: string;
    customerId: string;
    refersToId: string;
    assigneeId?: string;
    doneAt?: string;
    note?: string;
  }) {
    return this.add('handoff-items', r);
  }

  operation(r: {
    id: string;
    kind: string;
    risk?: string;
    status?: string;
    title?: string;
    plannedFrom?: string;
    plannedTo?: string;
    startedAt?: string;
    doneAt?: string;
    rolledBackAt?: string;
    outcome?: string;
    fromVersion?: string;
    toVersion?: string;
    compatibilityCheckedBy?: string;
    compatibilityCheckedAt?: string;
    note?: string;
    deviceId: string;
    performedById?: string;
    informedIds?: string[];
    caseId?: string;
  }) {
    return this.add('operations', r);
  }
  customerAuthorisation(r: { operationId: string; contactId: string; at: string }) {
    return this.add('operation-customer-authorisations', { ...r, side: 'CUSTOMER' });
  }
  ourAuthorisation(r: { operationId: string; engineerId: string; at: string }) {
    return this.add('operation-our-authorisations', { ...r, side: 'OURS' });
  }

  /** Writes everything in dependency order, in one transaction. */
  async write(store: Store): Promise<void> {
    const order = [...NODE_KINDS.map((k) => k.kind), ...EDGE_KINDS.map((k) => k.kind)];
    await store.transaction(async (tx) => {
      // NODE_KINDS is in dependency order: every link points at an earlier kind or the same one.
      for (const kind of order) {
        const rows = this.rows.get(kind);
        if (rows) await upsertKind(tx, kind, rows);
      }
    });
  }
}
