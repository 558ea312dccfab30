import {
  AddContactToCustomerDocument,
  AssignCoverageDocument,
  ChangesDocument,
  CustomerCardDocument,
  EndContactEmploymentDocument,
  EndCoverageDocument,
  ReportingLineDocument,
  SetReportsToDocument,
  TwoCoveragesDocument,
  WhoCoversDocument,
} from './generated/graphql';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { dumpGraph, errorOf } from './support/graph-dump';
import { Harness } from './support/harness';

const NOW = new Date('2025-11-01T00:00:00.000Z');
const NEXT_DAY = new Date('2025-11-02T00:00:00.000Z');

function fixture(): GraphBuilder {
  return new GraphBuilder()
    .customer({ id: 'cus_x', name: 'Customer X', tier: 'VIP' })
    .customer({ id: 'cus_y', name: 'Customer Y', tier: 'KEY' })
    .customer({ id: 'cus_z', name: 'Customer Z', tier: 'KEY' })
    .customer({ id: 'cus_arch', name: 'Archived Customer', tier: 'STANDARD', status: 'ARCHIVED' })
    .engineer({ id: 'eng_p1', name: 'Primary One', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_p2', name: 'Primary Two', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_b', name: 'Backup', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_left', name: 'Has Left', kind: 'EMPLOYEE', status: 'LEFT' })
    .engineer({ id: 'eng_arch', name: 'Archived', kind: 'EMPLOYEE', status: 'ARCHIVED' })
    .coverage({ id: 'cov_p1', engineerId: 'eng_p1', customerId: 'cus_x', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .coverage({ id: 'cov_z', engineerId: 'eng_p1', customerId: 'cus_z', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .contact({ id: 'con_a', name: 'A', role: 'ON_DUTY' })
    .contact({ id: 'con_b', name: 'B', role: 'SUPERVISOR' })
    .contact({ id: 'con_c', name: 'C', role: 'MANAGER' })
    .contact({ id: 'con_new', name: 'New', role: 'ENGINEER' })
    .employment({ contactId: 'con_a', customerId: 'cus_x', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_b', customerId: 'cus_x', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_c', customerId: 'cus_x', from: '2020-01-01T00:00:00Z' });
}

describe.each(testEngines())('relationship mutations on $name', (engine) => {
  let h: Harness;
  const as = { now: NOW, actor: 'alice@ops' };
  const nextDay = { now: NEXT_DAY, actor: 'bob@ops' };
  beforeAll(async () => {
    h = await Harness.start(engine);
    await fixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const primaryAt = async (customerId: string, at: string) =>
    (await h.data(WhoCoversDocument, { customerId, role: 'PRIMARY', at }, as)).whoCovers.map((c) => c.engineer.id);

  describe('assignCoverage', () => {
    it('starts now by default and records who assigned it', async () => {
      const { assignCoverage } = await h.data(
        AssignCoverageDocument,
        { input: { engineerId: 'eng_b', customerId: 'cus_x', role: 'BACKUP' } },
        as,
      );
      expect(assignCoverage).toMatchObject({
        role: 'BACKUP',
        from: NOW.toISOString(),
        to: null,
        current: true,
        assignedBy: 'alice@ops',
        engineer: { id: 'eng_b' },
        customer: { id: 'cus_x' },
      });
      expect(assignCoverage.id).toMatch(/^cov_/);
      const who = await h.data(WhoCoversDocument, { customerId: 'cus_x', role: 'BACKUP' }, as);
      expect(who.whoCovers.map((c) => c.id)).toEqual([assignCoverage.id]);
    });

    it('refuses a second PRIMARY with CONFLICT naming the current coverage, and changes nothing', async () => {
      const before = await dumpGraph(h.store);
      const err = errorOf(
        await h.run(
          AssignCoverageDocument,
          { input: { engineerId: 'eng_p2', customerId: 'cus_x', role: 'PRIMARY', from: '2025-10-01T00:00:00Z' } },
          as,
        ),
      );
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain('coverage cov_p1 (eng_p1');
      expect(err.message).toContain('replaceCurrent');
      expect(err.ext).toMatchObject({ coverageId: 'cov_p1', engineerId: 'eng_p1' });
      expect(await dumpGraph(h.store)).toBe(before);
    });

    it('with replaceCurrent ends the current PRIMARY at the new from, in the same transaction', async () => {
      const { assignCoverage } = await h.data(
        AssignCoverageDocument,
        {
          input: {
            id: 'cov_p2',
            engineerId: 'eng_p2',
            customerId: 'cus_x',
            role: 'PRIMARY',
            from: '2025-10-01T00:00:00Z',
            replaceCurrent: true,
          },
        },
        as,
      );
      expect(assignCoverage).toMatchObject({ id: 'cov_p2', from: '2025-10-01T00:00:00.000Z', to: null, current: true });
      expect(await primaryAt('cus_x', '2025-09-30T23:59:59Z')).toEqual(['eng_p1']);
      expect(await primaryAt('cus_x', '2025-10-01T00:00:00Z')).toEqual(['eng_p2']);
      const history = await h.data(ChangesDocument, { entityId: 'cus_x', first: 2 }, as);
      expect(history.changes.edges.map((e) => [e.node.op, e.node.actor])).toEqual([
        ['LINK', 'alice@ops'],
        ['UNLINK', 'alice@ops'],
      ]);
      const ended = history.changes.edges[1].node.fields[0];
      expect(ended.field).toBe('coverage');
      expect(JSON.parse(ended.before)).toMatchObject({ id: 'cov_p1', to: null });
      expect(JSON.parse(ended.after)).toMatchObject({ id: 'cov_p1', to: '2025-10-01T00:00:00.000Z' });
    });

    it('replaceCurrent cannot end a PRIMARY that starts after the new one: CONFLICT naming it', async () => {
      const before = await dumpGraph(h.store);
      const err = errorOf(
        await h.run(
          AssignCoverageDocument,
          { input: { engineerId: 'eng_b', customerId: 'cus_x', role: 'PRIMARY', from: '2025-09-01T00:00:00Z', replaceCurrent: true } },
          as,
        ),
      );
      expect(err.code).toBe('CONFLICT');
      expect(err.ext).toMatchObject({ coverageId: 'cov_p2' });
      expect(await dumpGraph(h.store)).toBe(before);
    });

    it("refuses overlapping periods of one engineer in one role on one customer, allows back-to-back ones and other engineers' BACKUPs", async () => {
      const overlap = errorOf(
        await h.run(
          AssignCoverageDocument,
          { input: { engineerId: 'eng_b', customerId: 'cus_x', role: 'BACKUP', from: '2025-12-01T00:00:00Z' } },
          as,
        ),
      );
      expect(overlap.code).toBe('CONFLICT');
      expect(overlap.message).toMatch(/^eng_b already covers cus_x as BACKUP in an overlapping period: coverage cov_/);

      const first = await h.data(
        AssignCoverageDocument,
        {
          input: {
            engineerId: 'eng_b',
            customerId: 'cus_y',
            role: 'ACCOUNT_MANAGER',
            from: '2025-01-01T00:00:00Z',
            to: '2025-06-01T00:00:00Z',
          },
        },
        as,
      );
      expect(first.assignCoverage).toMatchObject({ to: '2025-06-01T00:00:00.000Z', current: false });
      const next = await h.data(
        AssignCoverageDocument,
        { input: { engineerId: 'eng_b', customerId: 'cus_y', role: 'ACCOUNT_MANAGER', from: '2025-06-01T00:00:00Z' } },
        as,
      );
      expect(next.assignCoverage.current).toBe(true);
      const inside = errorOf(
        await h.run(
          AssignCoverageDocument,
          {
            input: {
              engineerId: 'eng_b',
              customerId: 'cus_y',
              role: 'ACCOUNT_MANAGER',
              from: '2025-03-01T00:00:00Z',
              to: '2025-04-01T00:00:00Z',
            },
          },
          as,
        ),
      );
      expect(inside.code).toBe('CONFLICT');

      const secondBackup = await h.data(
        AssignCoverageDocument,
        { input: { engineerId: 'eng_p1', customerId: 'cus_x', role: 'BACKUP' } },
        as,
      );
      expect(secondBackup.assignCoverage.current).toBe(true);
    });

    it('requires `to` after `from`', async () => {
      for (const to of ['2025-01-01T00:00:00Z', '2024-12-31T00:00:00Z']) {
        const err = errorOf(
          await h.run(
            AssignCoverageDocument,
            { input: { engineerId: 'eng_b', customerId: 'cus_z', role: 'BACKUP', from: '2025-01-01T00:00:00Z', to } },
            as,
          ),
        );
        expect(err.code).toBe('BAD_USER_INPUT');
        expect(err.fields).toEqual([{ field: 'to', reason: 'must be after from' }]);
      }
    });

    it('refuses LEFT and ARCHIVED engineers and archived customers with a clear message', async () => {
      for (const engineerId of ['eng_left', 'eng_arch']) {
        const err = errorOf(await h.run(AssignCoverageDocument, { input: { engineerId, customerId: 'cus_z', role: 'BACKUP' } }, as));
        expect(err.code).toBe('BAD_USER_INPUT');
        expect(err.fields).toEqual([
          {
            field: 'engineerId',
            reason: `engineer ${engineerId} is ${engineerId === 'eng_left' ? 'LEFT' : 'ARCHIVED'} and cannot be given new coverage, cases or commitments`,
          },
        ]);
      }
      const arch = errorOf(
        await h.run(AssignCoverageDocument, { input: { engineerId: 'eng_b', customerId: 'cus_arch', role: 'BACKUP' } }, as),
      );
      expect(arch.fields).toEqual([{ field: 'customerId', reason: 'customer cus_arch is ARCHIVED' }]);
    });

    it('unknown engineer or customer is NOT_FOUND naming the id; a taken coverage id is CONFLICT', async () => {
      const eng = errorOf(
        await h.run(AssignCoverageDocument, { input: { engineerId: 'eng_ghost', customerId: 'cus_z', role: 'BACKUP' } }, as),
      );
      expect(eng).toMatchObject({ code: 'NOT_FOUND', message: 'Engineer eng_ghost not found' });
      const cus = errorOf(
        await h.run(AssignCoverageDocument, { input: { engineerId: 'eng_b', customerId: 'cus_ghost', role: 'BACKUP' } }, as),
      );
      expect(cus).toMatchObject({ code: 'NOT_FOUND', message: 'Customer cus_ghost not found' });
      const taken = errorOf(
        await h.run(AssignCoverageDocument, { input: { id: 'cov_p1', engineerId: 'eng_b', customerId: 'cus_z', role: 'BACKUP' } }, as),
      );
      expect(taken).toMatchObject({ code: 'CONFLICT', message: 'Coverage cov_p1 already exists' });
    });

    it('a later mutation in the same request sees the earlier one (fresh loaders)', async () => {
      const res = await h.data(
        TwoCoveragesDocument,
        {
          first: { id: 'cov_two-1', engineerId: 'eng_p2', customerId: 'cus_z', role: 'BACKUP' },
          second: { id: 'cov_two-2', engineerId: 'eng_b', customerId: 'cus_z', role: 'PRODUCT_LEAD' },
        },
        as,
      );
      expect(res.first.customer.coverage.map((c) => c.id).sort()).toEqual(['cov_two-1', 'cov_z']);
      expect(res.second.customer.coverage.map((c) => c.id).sort()).toEqual(['cov_two-1', 'cov_two-2', 'cov_z']);
    });
  });

  describe('endCoverage', () => {
    it('ends a coverage now by default; the history keeps it', async () => {
      const { endCoverage } = await h.data(EndCoverageDocument, { input: { coverageId: 'cov_two-2' } }, nextDay);
      expect(endCoverage).toMatchObject({ id: 'cov_two-2', to: NEXT_DAY.toISOString(), current: false, engineer: { id: 'eng_b' } });
      const card = await h.data(CustomerCardDocument, { id: 'cus_z' }, nextDay);
      expect(card.customer!.coverage.map((c) => c.engineer.id).sort()).toEqual(['eng_p1', 'eng_p2']);
      const [last] = (await h.data(ChangesDocument, { entityId: 'cus_z', first: 1 }, as)).changes.edges;
      expect(last.node).toMatchObject({
        op: 'UNLINK',
        entityLabel: 'Customer',
        summary: `PRODUCT_LEAD coverage cov_two-2 (eng_b) ended at ${NEXT_DAY.toISOString()}`,
      });
      const sameInstant = errorOf(await h.run(EndCoverageDocument, { input: { coverageId: 'cov_two-1', at: NOW.toISOString() } }, as));
      expect(sameInstant.fields).toEqual([{ field: 'at', reason: `must be after the start (${NOW.toISOString()})` }]);
    });

    it('refuses an end before the start, a second end, and an unknown coverage', async () => {
      const early = errorOf(await h.run(EndCoverageDocument, { input: { coverageId: 'cov_z', at: '2023-01-01T00:00:00Z' } }, as));
      expect(early).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'at', reason: 'must be after the start (2024-01-01T00:00:00.000Z)' }],
      });
      const twice = errorOf(await h.run(EndCoverageDocument, { input: { coverageId: 'cov_two-2', at: '2025-12-01T00:00:00Z' } }, as));
      expect(twice.code).toBe('CONFLICT');
      expect(twice.message).toBe(`Coverage cov_two-2 already ended at ${NEXT_DAY.toISOString()}`);
      const ghost = errorOf(await h.run(EndCoverageDocument, { input: { coverageId: 'cov_ghost' } }, as));
      expect(ghost).toMatchObject({ code: 'NOT_FOUND', message: 'Coverage cov_ghost not found' });
    });
  });

  describe('contact employment', () => {
    it('adds, refuses an overlap, ends, and re-adds an employment', async () => {
      const added = await h.data(
        AddContactToCustomerDocument,
        { input: { contactId: 'con_new', customerId: 'cus_y', from: '2025-01-01T00:00:00Z', title: 'NOC engineer' } },
        as,
      );
      expect(added.addContactToCustomer).toEqual({
        contact: { id: 'con_new' },
        customer: { id: 'cus_y' },
        from: '2025-01-01T00:00:00.000Z',
        to: null,
        title: 'NOC engineer',
        current: true,
      });

      const twice = errorOf(
        await h.run(
          AddContactToCustomerDocument,
          { input: { contactId: 'con_new', customerId: 'cus_y', from: '2025-03-01T00:00:00Z' } },
          as,
        ),
      );
      expect(twice.code).toBe('CONFLICT');

      const early = errorOf(
        await h.run(EndContactEmploymentDocument, { input: { contactId: 'con_new', customerId: 'cus_y', at: '2024-06-01T00:00:00Z' } }, as),
      );
      expect(early.fields).toEqual([{ field: 'at', reason: 'must be after the start (2025-01-01T00:00:00.000Z)' }]);
      const ended = await h.data(
        EndContactEmploymentDocument,
        { input: { contactId: 'con_new', customerId: 'cus_y', at: '2025-06-01T00:00:00Z' } },
        as,
      );
      expect(ended.endContactEmployment).toMatchObject({
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-06-01T00:00:00.000Z',
        current: false,
      });
      const card = await h.data(CustomerCardDocument, { id: 'cus_y' }, as);
      expect(card.customer!.contacts.map((c) => c.id)).toEqual([]);
      const former = await h.data(CustomerCardDocument, { id: 'cus_y', includeFormer: true }, as);
      expect(former.customer!.contacts.map((c) => c.id)).toEqual(['con_new']);

      const none = errorOf(await h.run(EndContactEmploymentDocument, { input: { contactId: 'con_new', customerId: 'cus_y' } }, as));
      expect(none.code).toBe('NOT_FOUND');
      expect(none.message).toContain('con_new has no employment at cus_y');

      await h.data(
        AddContactToCustomerDocument,
        { input: { contactId: 'con_new', customerId: 'cus_y', from: '2025-07-01T00:00:00Z' } },
        as,
      );
      const line = await h.data(ReportingLineDocument, { id: 'con_new' }, as);
      expect(line.contact!.employments.map((e) => [e.from, e.to, e.current])).toEqual([
        ['2025-07-01T00:00:00.000Z', null, true],
        ['2025-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', false],
      ]);
      const contactHistory = await h.data(ChangesDocument, { entityId: 'con_new' }, as);
      expect(contactHistory.changes.edges.map((e) => e.node.op)).toEqual(['LINK', 'UNLINK', 'LINK']);
      const customerHistory = await h.data(ChangesDocument, { entityId: 'cus_y', first: 1 }, as);
      expect(customerHistory.changes.edges[0].node.fields.map((f) => f.field)).toEqual(['contact:con_new']);
    });

    it('unknown contact or customer is NOT_FOUND', async () => {
      const err = errorOf(await h.run(AddContactToCustomerDocument, { input: { contactId: 'con_ghost', customerId: 'cus_y' } }, as));
      expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'Contact con_ghost not found' });
    });
  });

  describe('setReportsTo', () => {
    it('sets a manager, refuses a loop, and clears with null', async () => {
      await h.data(SetReportsToDocument, { contactId: 'con_a', managerId: 'con_b' }, as);
      const res = await h.data(SetReportsToDocument, { contactId: 'con_b', managerId: 'con_c' }, as);
      expect(res.setReportsTo).toEqual({ id: 'con_b', reportsTo: { id: 'con_c' }, reportingLine: [{ id: 'con_c' }] });

      const before = await dumpGraph(h.store);
      const loop = errorOf(await h.run(SetReportsToDocument, { contactId: 'con_c', managerId: 'con_a' }, as));
      expect(loop.code).toBe('BAD_USER_INPUT');
      expect(loop.fields).toEqual([{ field: 'managerId', reason: 'would create a cycle: con_c → con_a → con_b → con_c' }]);
      expect(await dumpGraph(h.store)).toBe(before);

      const line = await h.data(ReportingLineDocument, { id: 'con_a' }, as);
      expect(line.contact!.reportingLine.map((c) => c.id)).toEqual(['con_b', 'con_c']);

      const cleared = await h.data(SetReportsToDocument, { contactId: 'con_b', managerId: null }, as);
      expect(cleared.setReportsTo.reportsTo).toBeNull();
      const history = await h.data(ChangesDocument, { entityId: 'con_b', first: 1 }, as);
      expect(history.changes.edges[0].node.fields).toEqual([{ field: 'reportsToId', before: '"con_c"', after: 'null' }]);

      const ghost = errorOf(await h.run(SetReportsToDocument, { contactId: 'con_a', managerId: 'con_ghost' }, as));
      expect(ghost).toMatchObject({ code: 'NOT_FOUND', message: 'Contact con_ghost not found' });
    });
  });
});
