import {
  ArchiveCaseDocument,
  AssignCaseOwnerDocument,
  ChangesDocument,
  LogInteractionDocument,
  MakeCommitmentDocument,
  OpenCaseDocument,
  ResolveCommitmentDocument,
  UpdateCaseDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { dumpGraph, errorOf, fieldNames } from './support/graph-dump';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
const T = (day: number, hour = 0) => new Date(Date.UTC(2025, 10, day, hour)).toISOString();

function fixture(): GraphBuilder {
  return new GraphBuilder()
    .customer({ id: 'cus_k', name: 'Key Customer', tier: 'KEY' })
    .customer({ id: 'cus_t', name: 'Customer whose primary moved', tier: 'VIP' })
    .customer({ id: 'cus_none', name: 'Nobody covers', tier: 'STANDARD' })
    .customer({ id: 'cus_arch', name: 'Archived', tier: 'STANDARD', status: 'ARCHIVED' })
    .engineer({ id: 'eng_own', name: 'Owner', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_two', name: 'Second', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_tr', name: 'Transferred', kind: 'EMPLOYEE', status: 'TRANSFERRED' })
    .engineer({ id: 'eng_left', name: 'Left', kind: 'EMPLOYEE', status: 'LEFT' })
    .coverage({ id: 'cov_k', engineerId: 'eng_own', customerId: 'cus_k', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .coverage({ id: 'cov_t', engineerId: 'eng_tr', customerId: 'cus_t', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .device({ id: 'dev_k', serial: 'K-1', model: 'OSN 8800', customerId: 'cus_k' })
    .device({ id: 'dev_t', serial: 'T-1', model: 'OSN 1800', customerId: 'cus_t' })
    .contact({ id: 'con_k1', name: 'K one', role: 'ON_DUTY' })
    .contact({ id: 'con_k2', name: 'K two', role: 'SUPERVISOR' })
    .contact({ id: 'con_t', name: 'T one', role: 'ON_DUTY' })
    .employment({ contactId: 'con_k1', customerId: 'cus_k', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_k2', customerId: 'cus_k', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_t', customerId: 'cus_t', from: '2020-01-01T00:00:00Z' });
}

describe.each(testEngines())('case, interaction and commitment mutations on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW, actor: 'alice@ops' };
  const at = (iso: string) => ({ now: new Date(iso), actor: 'alice@ops' });
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('openCase', () => {
    it("without an owner, the customer's current PRIMARY owns it and has worked on it", async () => {
      const { openCase } = await h.data(
        OpenCaseDocument,
        {
          input: {
            id: 'cas_1',
            number: 'C-2025-1101',
            title: 'Board alarm',
            kind: 'FAULT',
            severity: 'MAJOR',
            customerId: 'cus_k',
            deviceId: 'dev_k',
            raisedById: 'con_k1',
          },
        },
        as,
      );
      expect(openCase).toEqual({
        id: 'cas_1',
        number: 'C-2025-1101',
        title: 'Board alarm',
        kind: 'FAULT',
        severity: 'MAJOR',
        status: 'OPEN',
        openedAt: NOW.toISOString(),
        respondedAt: null,
        resolvedAt: null,
        lastCustomerUpdateAt: null,
        customer: { id: 'cus_k' },
        device: { id: 'dev_k' },
        raisedBy: { id: 'con_k1' },
        owner: { id: 'eng_own' },
        ownershipHistory: [{ from: NOW.toISOString(), to: null, engineer: { id: 'eng_own' } }],
        workedOnBy: [{ id: 'eng_own' }],
      });
    });

    it('with an owner, that engineer owns it', async () => {
      const { openCase } = await h.data(
        OpenCaseDocument,
        { input: { title: 'Slow NMS', kind: 'SERVICE_REQUEST', severity: 'MINOR', customerId: 'cus_k', ownerId: 'eng_two' } },
        as,
      );
      expect(openCase.id).toMatch(/^cas_/);
      expect(openCase.owner).toEqual({ id: 'eng_two' });
    });

    it('asks for an owner when the customer has no PRIMARY, or its PRIMARY is not ACTIVE (C4), and writes nothing', async () => {
      const before = await dumpGraph(h.store);
      const none = errorOf(
        await h.run(OpenCaseDocument, { input: { title: 'X', kind: 'FAULT', severity: 'MINOR', customerId: 'cus_none' } }, as),
      );
      expect(none).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'ownerId', reason: 'is required: customer cus_none has no current PRIMARY engineer to own the case' }],
      });
      const moved = errorOf(
        await h.run(OpenCaseDocument, { input: { title: 'X', kind: 'FAULT', severity: 'MINOR', customerId: 'cus_t' } }, as),
      );
      expect(moved.fields).toEqual([{ field: 'ownerId', reason: 'is required: the PRIMARY of customer cus_t, eng_tr, is TRANSFERRED' }]);
      expect(await dumpGraph(h.store)).toBe(before);
    });

    it('refuses a LEFT owner, a device or contact of another customer, and an archived customer — naming each field', async () => {
      const err = errorOf(
        await h.run(
          OpenCaseDocument,
          {
            input: {
              title: 'X',
              kind: 'FAULT',
              severity: 'MINOR',
              customerId: 'cus_k',
              deviceId: 'dev_t',
              raisedById: 'con_t',
              ownerId: 'eng_left',
            },
          },
          as,
        ),
      );
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.fields).toEqual([
        { field: 'deviceId', reason: 'device dev_t is not installed at customer cus_k' },
        { field: 'raisedById', reason: 'con_t does not work at customer cus_k' },
        { field: 'ownerId', reason: 'engineer eng_left is LEFT and cannot be given new coverage, cases or commitments' },
      ]);
      const arch = errorOf(
        await h.run(
          OpenCaseDocument,
          { input: { title: 'X', kind: 'FAULT', severity: 'MINOR', customerId: 'cus_arch', ownerId: 'eng_own' } },
          as,
        ),
      );
      expect(fieldNames(arch)).toEqual(['customerId']);
    });

    it('unknown customer, device or owner is NOT_FOUND naming the id', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ customerId: 'cus_ghost' }, 'Customer cus_ghost not found'],
        [{ customerId: 'cus_k', deviceId: 'dev_ghost' }, 'Device dev_ghost not found'],
        [{ customerId: 'cus_k', ownerId: 'eng_ghost' }, 'Engineer eng_ghost not found'],
      ];
      for (const [refs, message] of cases) {
        const err = errorOf(
          await h.run(
            OpenCaseDocument,
            { input: { title: 'X', kind: 'FAULT', severity: 'MINOR', customerId: refs.customerId, ...refs } },
            as,
          ),
        );
        expect(err).toMatchObject({ code: 'NOT_FOUND', message });
      }
    });
  });

  describe('updateCase', () => {
    it('sets respondedAt on the first move out of OPEN and resolvedAt on RESOLVED; a reopen needs a reason and clears resolvedAt', async () => {
      await h.data(
        OpenCaseDocument,
        { input: { id: 'cas_flow', title: 'Flow', kind: 'FAULT', severity: 'CRITICAL', customerId: 'cus_k' } },
        as,
      );
      const working = await h.data(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'IN_PROGRESS' } }, at(T(1, 2)));
      expect(working.updateCase).toMatchObject({ status: 'IN_PROGRESS', respondedAt: T(1, 2), resolvedAt: null });
      const resolved = await h.data(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'RESOLVED', at: T(2) } }, at(T(3)));
      expect(resolved.updateCase).toMatchObject({ status: 'RESOLVED', respondedAt: T(1, 2), resolvedAt: T(2) });

      const noReason = errorOf(await h.run(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'OPEN' } }, at(T(4))));
      expect(noReason).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'reason', reason: 'is required to reopen a RESOLVED case' }],
      });
      const blank = errorOf(await h.run(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'IN_PROGRESS', reason: '  ' } }, at(T(4))));
      expect(fieldNames(blank)).toEqual(['reason']);

      const reopened = await h.data(
        UpdateCaseDocument,
        { input: { id: 'cas_flow', status: 'IN_PROGRESS', reason: 'Alarm came back' } },
        at(T(4)),
      );
      expect(reopened.updateCase).toMatchObject({
        status: 'IN_PROGRESS',
        respondedAt: T(1, 2),
        resolvedAt: null,
        owner: { id: 'eng_own' },
      });
      const [last] = (await h.data(ChangesDocument, { entityId: 'cas_flow', first: 1 }, as)).changes.edges;
      expect(last.node.summary).toBe('Case cas_flow reopened; status RESOLVED → IN_PROGRESS; reason: Alarm came back');
      expect(last.node.fields).toEqual([
        { field: 'status', before: '"RESOLVED"', after: '"IN_PROGRESS"' },
        { field: 'resolvedAt', before: JSON.stringify(T(2)), after: 'null' },
        // Experience counts reopened cases against the engineers whose fix did not hold (issue 14).
        { field: 'reopenCount', before: 'null', after: '1' },
      ]);

      const back = errorOf(await h.run(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'OPEN', reason: 'x' } }, at(T(5))));
      expect(back.fields).toEqual([
        { field: 'status', reason: 'the case is IN_PROGRESS: once responded to, it cannot go back to OPEN (use IN_PROGRESS)' },
      ]);

      const closed = await h.data(UpdateCaseDocument, { input: { id: 'cas_flow', status: 'CLOSED' } }, at(T(6)));
      expect(closed.updateCase).toMatchObject({ status: 'CLOSED', resolvedAt: T(6) });
    });

    it('customerUpdated moves lastCustomerUpdateAt forward, never back', async () => {
      await h.data(
        OpenCaseDocument,
        { input: { id: 'cas_upd', title: 'Upd', kind: 'COMPLAINT', severity: 'MAJOR', customerId: 'cus_k' } },
        as,
      );
      const first = await h.data(UpdateCaseDocument, { input: { id: 'cas_upd', customerUpdated: true, at: T(3) } }, at(T(3)));
      expect(first.updateCase.lastCustomerUpdateAt).toBe(T(3));
      const older = await h.data(
        UpdateCaseDocument,
        { input: { id: 'cas_upd', customerUpdated: true, at: T(2), title: 'Upd 2' } },
        at(T(4)),
      );
      expect(older.updateCase).toMatchObject({ lastCustomerUpdateAt: T(3), title: 'Upd 2' });
      const early = errorOf(
        await h.run(UpdateCaseDocument, { input: { id: 'cas_upd', customerUpdated: true, at: '2025-10-01T00:00:00Z' } }, as),
      );
      expect(early.fields).toEqual([{ field: 'at', reason: `must not be before the time the case was opened (${NOW.toISOString()})` }]);
    });
  });

  describe('assignCaseOwner', () => {
    it('ends the previous ownership and opens the new one in one step, adding the new owner to workedOnBy', async () => {
      await h.data(OpenCaseDocument, { input: { id: 'cas_own', title: 'Own', kind: 'FAULT', severity: 'MAJOR', customerId: 'cus_k' } }, as);
      const { assignCaseOwner } = await h.data(AssignCaseOwnerDocument, { caseId: 'cas_own', engineerId: 'eng_two', at: T(2) }, at(T(3)));
      expect(assignCaseOwner.owner).toEqual({ id: 'eng_two' });
      expect(assignCaseOwner.ownershipHistory).toEqual([
        { from: T(2), to: null, engineer: { id: 'eng_two' } },
        { from: NOW.toISOString(), to: T(2), engineer: { id: 'eng_own' } },
      ]);
      expect(assignCaseOwner.workedOnBy.map((e) => e.id).sort()).toEqual(['eng_own', 'eng_two']);
      const [last] = (await h.data(ChangesDocument, { entityId: 'cas_own', first: 1 }, as)).changes.edges;
      expect(last.node).toMatchObject({ op: 'LINK', fields: [{ field: 'ownerId', before: '"eng_own"', after: '"eng_two"' }] });

      const same = await h.data(AssignCaseOwnerDocument, { caseId: 'cas_own', engineerId: 'eng_two' }, at(T(4)));
      expect(same.assignCaseOwner.ownershipHistory).toHaveLength(2);
    });

    it('refuses a LEFT engineer, a time before the current ownership, and an unknown case', async () => {
      const left = errorOf(await h.run(AssignCaseOwnerDocument, { caseId: 'cas_own', engineerId: 'eng_left' }, at(T(5))));
      expect(left.fields).toEqual([
        { field: 'engineerId', reason: 'engineer eng_left is LEFT and cannot be given new coverage, cases or commitments' },
      ]);
      const early = errorOf(await h.run(AssignCaseOwnerDocument, { caseId: 'cas_own', engineerId: 'eng_own', at: T(1) }, at(T(5))));
      expect(early.fields).toEqual([{ field: 'at', reason: `must be after the current ownership began (${T(2)})` }]);
      const ghost = errorOf(await h.run(AssignCaseOwnerDocument, { caseId: 'cas_ghost', engineerId: 'eng_own' }, at(T(5))));
      expect(ghost).toMatchObject({ code: 'NOT_FOUND', message: 'Case cas_ghost not found' });
    });

    it('an archived case cannot change', async () => {
      const { archiveCase } = await h.data(ArchiveCaseDocument, { id: 'cas_own' }, at(T(6)));
      expect(archiveCase.status).toBe('ARCHIVED');
      const upd = errorOf(await h.run(UpdateCaseDocument, { input: { id: 'cas_own', title: 'again' } }, at(T(7))));
      expect(upd).toMatchObject({ code: 'CONFLICT', message: 'Case cas_own is ARCHIVED and cannot be changed' });
      const own = errorOf(await h.run(AssignCaseOwnerDocument, { caseId: 'cas_own', engineerId: 'eng_own' }, at(T(7))));
      expect(own.code).toBe('CONFLICT');
      const [last] = (await h.data(ChangesDocument, { entityId: 'cas_own', first: 1 }, as)).changes.edges;
      expect(last.node.op).toBe('ARCHIVE');
    });
  });

  describe('logInteraction', () => {
    it('about a case with contacts moves lastCustomerUpdateAt forward (not back) and records the engineer on the case', async () => {
      await h.data(OpenCaseDocument, { input: { id: 'cas_int', title: 'Int', kind: 'FAULT', severity: 'MAJOR', customerId: 'cus_k' } }, as);
      const call = await h.data(
        LogInteractionDocument,
        {
          input: {
            id: 'int_call',
            engineerId: 'eng_two',
            customerId: 'cus_k',
            contactIds: ['con_k1', 'con_k2'],
            caseId: 'cas_int',
            channel: 'CALL',
            at: T(3),
            summary: ' Explained the board swap ',
          },
        },
        at(T(3, 1)),
      );
      expect(call.logInteraction).toEqual({
        id: 'int_call',
        at: T(3),
        channel: 'CALL',
        summary: 'Explained the board swap',
        engineer: { id: 'eng_two' },
        contacts: [{ id: 'con_k1' }, { id: 'con_k2' }],
        customer: { id: 'cus_k' },
        case: { id: 'cas_int', lastCustomerUpdateAt: T(3), workedOnBy: [{ id: 'eng_own' }, { id: 'eng_two' }] },
      });
      const older = await h.data(
        LogInteractionDocument,
        {
          input: {
            engineerId: 'eng_own',
            customerId: 'cus_k',
            contactIds: ['con_k1'],
            caseId: 'cas_int',
            channel: 'VISIT',
            at: T(2),
            summary: 'Site visit',
          },
        },
        at(T(3, 2)),
      );
      expect(older.logInteraction.case!.lastCustomerUpdateAt).toBe(T(3));
      const internal = await h.data(
        LogInteractionDocument,
        {
          input: {
            engineerId: 'eng_own',
            customerId: 'cus_k',
            contactIds: [],
            caseId: 'cas_int',
            channel: 'MESSAGE',
            at: T(4),
            summary: 'Note to self',
          },
        },
        at(T(4)),
      );
      expect(internal.logInteraction.case!.lastCustomerUpdateAt).toBe(T(3));
      const caseHistory = await h.data(ChangesDocument, { entityId: 'cas_int' }, as);
      expect(caseHistory.changes.edges.map((e) => e.node.fields.map((f) => f.field))).toEqual([
        ['lastCustomerUpdateAt', 'workedOnIds'],
        expect.any(Array),
      ]);
    });

    it('refuses contacts of another customer and a case of another customer; unknown contacts are NOT_FOUND', async () => {
      const err = errorOf(
        await h.run(
          LogInteractionDocument,
          {
            input: {
              engineerId: 'eng_own',
              customerId: 'cus_k',
              contactIds: ['con_k1', 'con_t'],
              caseId: 'cas_1',
              channel: 'CALL',
              at: T(3),
              summary: 'x',
            },
          },
          as,
        ),
      );
      expect(err.fields).toEqual([{ field: 'contactIds', reason: 'con_t does not work at customer cus_k' }]);
      const other = await h.data(
        OpenCaseDocument,
        { input: { title: 'T', kind: 'FAULT', severity: 'MINOR', customerId: 'cus_t', ownerId: 'eng_own' } },
        as,
      );
      const wrongCase = errorOf(
        await h.run(
          LogInteractionDocument,
          {
            input: {
              engineerId: 'eng_own',
              customerId: 'cus_k',
              contactIds: [],
              caseId: other.openCase.id,
              channel: 'CALL',
              at: T(3),
              summary: 'x',
            },
          },
          as,
        ),
      );
      expect(wrongCase.fields).toEqual([{ field: 'caseId', reason: `case ${other.openCase.id} is not a case of customer cus_k` }]);
      const ghosts = errorOf(
        await h.run(
          LogInteractionDocument,
          { input: { engineerId: 'eng_own', customerId: 'cus_k', contactIds: ['con_ghost'], channel: 'CALL', at: T(3), summary: 'x' } },
          as,
        ),
      );
      expect(ghosts).toMatchObject({ code: 'NOT_FOUND', message: 'Contact con_ghost not found' });
      const blank = errorOf(
        await h.run(
          LogInteractionDocument,
          { input: { engineerId: 'eng_own', customerId: 'cus_k', contactIds: [], channel: 'CALL', at: T(3), summary: '   ' } },
          as,
        ),
      );
      expect(blank.fields).toEqual([{ field: 'summary', reason: 'is required' }]);
    });
  });

  describe('commitments', () => {
    it('makes a commitment and resolves it once', async () => {
      const made = await h.data(
        MakeCommitmentDocument,
        {
          input: {
            id: 'com_1',
            engineerId: 'eng_own',
            customerId: 'cus_k',
            caseId: 'cas_1',
            text: 'Replacement board by Friday',
            dueAt: T(7, 10),
          },
        },
        as,
      );
      expect(made.makeCommitment).toEqual({
        id: 'com_1',
        text: 'Replacement board by Friday',
        dueAt: T(7, 10),
        status: 'OPEN',
        madeAt: NOW.toISOString(),
        resolvedAt: null,
        resolutionNote: null,
        overdue: false,
        engineer: { id: 'eng_own' },
        customer: { id: 'cus_k' },
        case: { id: 'cas_1' },
      });
      const kept = await h.data(ResolveCommitmentDocument, { id: 'com_1', status: 'KEPT', note: 'Board arrived Thursday' }, at(T(6)));
      expect(kept.resolveCommitment).toMatchObject({
        status: 'KEPT',
        resolvedAt: T(6),
        resolutionNote: 'Board arrived Thursday',
        overdue: false,
      });
      const again = errorOf(await h.run(ResolveCommitmentDocument, { id: 'com_1', status: 'BROKEN' }, at(T(8))));
      expect(again).toMatchObject({ code: 'CONFLICT', message: 'Commitment com_1 is already KEPT' });
      const reopen = errorOf(await h.run(ResolveCommitmentDocument, { id: 'com_1', status: 'OPEN' as 'KEPT' }, at(T(8))));
      expect(reopen.code).toBe('BAD_USER_INPUT');
    });

    it('refuses a due time before the promise, a LEFT engineer, and an unknown commitment', async () => {
      const due = errorOf(
        await h.run(
          MakeCommitmentDocument,
          { input: { engineerId: 'eng_own', customerId: 'cus_k', text: 'x', dueAt: '2025-10-01T00:00:00Z' } },
          as,
        ),
      );
      expect(due.fields).toEqual([{ field: 'dueAt', reason: `must be after madeAt (${NOW.toISOString()})` }]);
      const left = errorOf(
        await h.run(MakeCommitmentDocument, { input: { engineerId: 'eng_left', customerId: 'cus_k', text: 'x', dueAt: T(9) } }, as),
      );
      expect(fieldNames(left)).toEqual(['engineerId']);
      const ghost = errorOf(await h.run(ResolveCommitmentDocument, { id: 'com_ghost', status: 'CANCELLED' }, as));
      expect(ghost).toMatchObject({ code: 'NOT_FOUND', message: 'Commitment com_ghost not found' });
    });
  });
});
