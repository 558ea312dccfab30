import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AddContactToCustomerDocument,
  ArchiveCaseDocument,
  ArchiveCustomerDocument,
  AssignCaseOwnerDocument,
  AssignCoverageDocument,
  ChangesDocument,
  CreateContactDocument,
  CreateCustomerDocument,
  CreateEngineerDocument,
  CreatePartnerDocument,
  CreateRegionDocument,
  EndContactEmploymentDocument,
  EndCoverageDocument,
  InstallDeviceDocument,
  LogInteractionDocument,
  MakeCommitmentDocument,
  OpenCaseDocument,
  ResolveCommitmentDocument,
  SetReportsToDocument,
  UpdateCaseDocument,
  UpdateCustomerDocument,
  UpdateDeviceDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { FailingStore, dumpGraph, errorOf } from './support/graph-dump';
import { Harness, type GqlResult } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
const T = (day: number) => new Date(Date.UTC(2025, 10, day)).toISOString();

function fixture(): GraphBuilder {
  return new GraphBuilder()
    .customer({ id: 'cus_h', name: 'History Customer', tier: 'KEY' })
    .customer({ id: 'cus_h2', name: 'Second Customer', tier: 'KEY' })
    .engineer({ id: 'eng_a', name: 'A', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_b', name: 'B', kind: 'EMPLOYEE' })
    .coverage({ id: 'cov_a', engineerId: 'eng_a', customerId: 'cus_h', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .coverage({ id: 'cov_b', engineerId: 'eng_b', customerId: 'cus_h', role: 'BACKUP', from: '2024-01-01T00:00:00Z' })
    .contact({ id: 'con_1', name: 'One', role: 'ON_DUTY' })
    .contact({ id: 'con_2', name: 'Two', role: 'MANAGER' })
    .employment({ contactId: 'con_1', customerId: 'cus_h', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_2', customerId: 'cus_h', from: '2020-01-01T00:00:00Z' })
    .device({ id: 'dev_h', serial: 'H-1', model: 'OSN', customerId: 'cus_h' })
    .case({
      id: 'cas_h',
      title: 'Open case',
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'OPEN',
      openedAt: '2025-10-01T00:00:00Z',
      customerId: 'cus_h',
      workedOnIds: ['eng_a'],
    })
    .ownership({ caseId: 'cas_h', engineerId: 'eng_a', from: '2025-10-01T00:00:00Z' })
    .commitment({ id: 'com_h', text: 'Call back', dueAt: '2025-11-05T00:00:00Z', customerId: 'cus_h', engineerId: 'eng_a' });
}

type Step = [name: string, run: (h: Harness) => Promise<GqlResult<unknown>>];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const step = <V extends Record<string, unknown>>(name: string, doc: TypedDocumentNode<any, V>, vars: V): Step => [
  name,
  (h) => h.run(doc, vars, { now: NOW, actor: 'atomic@test' }),
];

describe.each(testEngines())('change history and atomicity on $name', (engine) => {
  let h: Harness;
  let failing: Harness;
  let failingStore: FailingStore;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
    // The same database, but every transaction fails at its last step: recording the changes.
    failingStore = new FailingStore(h.store.inner, /CREATE \(:Change/);
    failing = await Harness.start(engine, { store: failingStore });
    failingStore.armed = true;
  });
  afterAll(async () => {
    await failing.stop();
    await h.stop();
  });

  const changeCount = async () => (await h.store.read('MATCH (c:Change) RETURN count(c) AS n'))[0].n as number;

  it('a mutation whose last step fails leaves the graph exactly as it was; the same mutation then succeeds and records changes', async () => {
    const steps: Step[] = [
      step('createRegion', CreateRegionDocument, { input: { id: 'reg_atomic', name: 'R', kind: 'CITY' } }),
      step('createPartner', CreatePartnerDocument, { input: { id: 'par_atomic', name: 'P' } }),
      step('createEngineer', CreateEngineerDocument, { input: { id: 'eng_atomic', name: 'E', kind: 'PARTNER', partnerId: 'par_atomic' } }),
      step('createCustomer', CreateCustomerDocument, { input: { id: 'cus_atomic', name: 'C', tier: 'KEY', regionId: 'reg_atomic' } }),
      step('updateCustomer', UpdateCustomerDocument, { input: { id: 'cus_atomic', tier: 'VIP', regionId: null } }),
      step('createContact', CreateContactDocument, {
        input: { id: 'con_atomic', name: 'N', role: 'ENGINEER', customerId: 'cus_h', reportsToId: 'con_2' },
      }),
      step('setReportsTo', SetReportsToDocument, { contactId: 'con_1', managerId: 'con_2' }),
      step('addContactToCustomer', AddContactToCustomerDocument, { input: { contactId: 'con_1', customerId: 'cus_h2' } }),
      step('endContactEmployment', EndContactEmploymentDocument, { input: { contactId: 'con_1', customerId: 'cus_h', at: T(2) } }),
      step('assignCoverage (replaceCurrent)', AssignCoverageDocument, {
        input: { engineerId: 'eng_b', customerId: 'cus_h', role: 'PRIMARY', from: T(1), replaceCurrent: true },
      }),
      step('endCoverage', EndCoverageDocument, { input: { coverageId: 'cov_b', at: T(2) } }),
      step('installDevice', InstallDeviceDocument, { input: { id: 'dev_atomic', serial: 'S', model: 'M', customerId: 'cus_h' } }),
      step('updateDevice (move)', UpdateDeviceDocument, { input: { id: 'dev_h', customerId: 'cus_h2' } }),
      step('openCase', OpenCaseDocument, {
        input: {
          id: 'cas_atomic',
          title: 'T',
          kind: 'FAULT',
          severity: 'MINOR',
          customerId: 'cus_h',
          ownerId: 'eng_a',
          raisedById: 'con_2',
        },
      }),
      step('updateCase', UpdateCaseDocument, { input: { id: 'cas_h', status: 'RESOLVED', customerUpdated: true } }),
      step('assignCaseOwner', AssignCaseOwnerDocument, { caseId: 'cas_atomic', engineerId: 'eng_b', at: T(3) }),
      step('logInteraction', LogInteractionDocument, {
        input: {
          engineerId: 'eng_b',
          customerId: 'cus_h',
          contactIds: ['con_2'],
          caseId: 'cas_atomic',
          channel: 'VISIT',
          at: T(4),
          summary: 'S',
        },
      }),
      step('makeCommitment', MakeCommitmentDocument, {
        input: { id: 'com_atomic', engineerId: 'eng_b', customerId: 'cus_h', text: 'T', dueAt: T(9) },
      }),
      step('resolveCommitment', ResolveCommitmentDocument, { id: 'com_h', status: 'BROKEN', note: 'Forgot' }),
      step('archiveCase', ArchiveCaseDocument, { id: 'cas_atomic' }),
      step('archiveCustomer', ArchiveCustomerDocument, { id: 'cus_atomic' }),
    ];
    for (const [name, run] of steps) {
      const before = await dumpGraph(h.store);
      const failed = errorOf(await run(failing));
      expect({ name, code: failed.code, message: failed.message }).toEqual({
        name,
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Internal error',
      });
      expect({ name, unchanged: (await dumpGraph(h.store)) === before }).toEqual({ name, unchanged: true });

      const changesBefore = await changeCount();
      const ok = await run(h);
      expect({ name, errors: ok.errors }).toEqual({ name, errors: undefined });
      expect({ name, changed: (await dumpGraph(h.store)) !== before }).toEqual({ name, changed: true });
      expect({ name, recorded: (await changeCount()) > changesBefore }).toEqual({ name, recorded: true });
    }
  });

  it('records who, when, what and the fields before → after, newest first', async () => {
    await h.data(
      CreateCustomerDocument,
      { input: { id: 'cus_log', name: 'Log Ltd', tier: 'STANDARD', segment: 'hotel' } },
      { now: new Date(T(1)), actor: 'alice' },
    );
    await h.data(
      UpdateCustomerDocument,
      { input: { id: 'cus_log', tier: 'VIP', segment: null, name: 'Log Ltd' } },
      { now: new Date(T(2)), actor: 'bob' },
    );
    await h.data(
      AssignCoverageDocument,
      { input: { id: 'cov_log', engineerId: 'eng_a', customerId: 'cus_log', role: 'BACKUP', from: T(3) } },
      { now: new Date(T(3)), actor: 'carol' },
    );
    await h.data(ArchiveCustomerDocument, { id: 'cus_log' }, { now: new Date(T(4)), actor: 'dave' });

    const { changes } = await h.data(ChangesDocument, { entityId: 'cus_log' }, { now: NOW });
    expect(changes.totalCount).toBe(4);
    expect(changes.edges.map((e) => [e.node.op, e.node.actor, e.node.at, e.node.entityId, e.node.entityLabel])).toEqual([
      ['ARCHIVE', 'dave', T(4), 'cus_log', 'Customer'],
      ['LINK', 'carol', T(3), 'cus_log', 'Customer'],
      ['UPDATE', 'bob', T(2), 'cus_log', 'Customer'],
      ['CREATE', 'alice', T(1), 'cus_log', 'Customer'],
    ]);
    const [archive, link, update, create] = changes.edges.map((e) => e.node);
    expect(archive.fields).toEqual([{ field: 'status', before: '"ACTIVE"', after: '"ARCHIVED"' }]);
    // Only what changed: the name was sent unchanged.
    expect(update.fields).toEqual([
      { field: 'tier', before: '"STANDARD"', after: '"VIP"' },
      { field: 'segment', before: '"hotel"', after: 'null' },
    ]);
    expect(update.summary).toBe('Customer cus_log updated: tier, segment');
    expect(JSON.parse(link.fields[0].after)).toEqual({ id: 'cov_log', engineerId: 'eng_a', role: 'BACKUP', from: T(3), to: null });
    expect(Object.fromEntries(create.fields.map((f) => [f.field, JSON.parse(f.after)]))).toEqual({
      id: 'cus_log',
      name: 'Log Ltd',
      tier: 'STANDARD',
      segment: 'hotel',
      status: 'ACTIVE',
    });
    expect(create.fields.every((f) => f.before === 'null')).toBe(true);
  });

  it('pages newest first without skipping or repeating changes made in the same instant', async () => {
    await h.data(CreateCustomerDocument, { input: { id: 'cus_many', name: 'Many', tier: 'STANDARD' } }, { now: NOW });
    for (const segment of ['s1', 's2', 's3', 's4']) {
      await h.data(UpdateCustomerDocument, { input: { id: 'cus_many', segment } }, { now: NOW });
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const {
        changes,
      }: {
        changes: {
          edges: { node: { fields: { field: string; after: string }[]; op: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor?: string | null };
          totalCount: number;
        };
      } = await h.data(ChangesDocument, { entityId: 'cus_many', first: 2, after }, { now: NOW });
      expect(changes.totalCount).toBe(5);
      seen.push(...changes.edges.map((e) => (e.node.op === 'CREATE' ? 'create' : JSON.parse(e.node.fields[0].after))));
      after = changes.pageInfo.hasNextPage ? changes.pageInfo.endCursor! : null;
      pages++;
    } while (after && pages < 10);
    expect(seen).toEqual(['s4', 's3', 's2', 's1', 'create']);
    expect(pages).toBe(3);
  });

  it('validates its arguments and answers an empty history for an unknown id', async () => {
    const empty = await h.data(ChangesDocument, { entityId: 'cus_never' }, { now: NOW });
    expect(empty.changes).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    const badId = errorOf(await h.run(ChangesDocument, { entityId: 'not-an-id' }, { now: NOW }));
    expect(badId).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'entityId' }] });
    const badCursor = errorOf(await h.run(ChangesDocument, { entityId: 'cus_h', after: 'garbage' }, { now: NOW }));
    expect(badCursor.fields).toEqual([{ field: 'after', reason: 'is not a cursor returned by this connection' }]);
    const badFirst = errorOf(await h.run(ChangesDocument, { entityId: 'cus_h', first: 500 }, { now: NOW }));
    expect(badFirst.fields?.[0].field).toBe('first');
  });
});
