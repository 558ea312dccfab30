import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { testEngines } from './support/engines';
import { EFFECTIVE, HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import { Harness } from './support/harness';

/**
 * Issue 11, items 1–3 and the first two of item 8: each reproduction as a regression test at the
 * GraphQL level (docs/rules.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const gql = (src: string) => parse(src) as unknown as TypedDocumentNode<any, Record<string, unknown>>;

const START = gql(`mutation($input: PlanHandoffInput!) { startHandoff(input: $input) { id } }`);
const PLAN = gql(
  `mutation($input: PlanHandoffInput!) { planHandoff(input: $input) { assignments { customer { id } successor { id } roles from until } } }`,
);
const COMPLETE = gql(`mutation($id: ID!) { completeHandoff(id: $id, force: true, reason: "test") { id status } }`);
const WHO = gql(
  `query($customerId: ID!, $at: DateTime) { whoCovers(customerId: $customerId, role: PRIMARY, at: $at) { engineer { id } } }`,
);
const ASSIGN = gql(`mutation($input: AssignCoverageInput!) { assignCoverage(input: $input) { id } }`);
const IMPORT = gql(`mutation($content: String!, $replaceCurrent: Boolean) {
  importRecords(kind: "coverage", format: CSV, content: $content, replaceCurrent: $replaceCurrent) { errors { line field reason } files { created rejected } }
}`);
const CASE = gql(`query($id: ID!) {
  node(id: $id) { ... on Case { owner { id } ownershipHistory { engineer { id } current scheduled } } }
}`);
const OWNED = gql(`query($id: ID!) { engineer(id: $id) { ownedCases { id } } }`);
const ESCALATION = gql(`query($id: ID!) { customer(id: $id) { escalationPath { order role engineer { id } skippedBecause } } }`);
const ABSENCES = gql(`query($id: ID!) { engineer(id: $id) { absences { id reason from to current coveredBy { id } } } }`);
const RECORD_ABSENCE = gql(`mutation($input: RecordAbsenceInput!) { recordAbsence(input: $input) { id current } }`);
const ASSIGN_OWNER = gql(
  `mutation($caseId: ID!, $engineerId: ID!, $at: DateTime) { assignCaseOwner(caseId: $caseId, engineerId: $engineerId, at: $at) { id } }`,
);

const now = { now: HANDOFF_NOW, actor: 'manager.li' };
const DAY = 24 * 3600 * 1000;
const inDays = (d: number) => new Date(HANDOFF_NOW.getTime() + d * DAY);

describe.each(testEngines())('the rules on every write path ($name)', (engine) => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start(engine);
    await handoffFixture().write(h.store);
  });
  afterEach(async () => {
    await h.stop();
  });

  const primaries = async (customerId: string, at?: string, opts = now) =>
    ((await h.data(WHO, { customerId, at }, opts)).whoCovers as { engineer: { id: string } }[]).map((c) => c.engineer.id).sort();
  const errorOf = async (doc: ReturnType<typeof gql>, vars: Record<string, unknown>, opts = now) => {
    const res = await h.run(doc, vars, opts);
    expect(res.errors?.length).toBe(1);
    return { code: res.errors![0].extensions?.code, message: res.errors![0].message, extensions: res.errors![0].extensions ?? {} };
  };
  const handoff = (successor: string, extra: Record<string, unknown> = {}) => ({
    input: { outgoingEngineerId: 'eng_a', successors: [{ engineerId: successor }], reason: 'ROTATION', effectiveAt: EFFECTIVE, ...extra },
  });

  describe('item 1: one PRIMARY per customer', () => {
    it('a second handoff of the same engineer for the same customers is refused, naming the open one', async () => {
      const first = (await h.data(START, handoff('eng_c'), now)).startHandoff.id;
      const err = await errorOf(START, handoff('eng_d'));
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain(first);
      expect(err.extensions.handoffId).toBe(first);
      await h.data(COMPLETE, { id: first }, now);
      expect(await primaries('cus_big1')).toEqual(['eng_c']);
    });

    it('assignCoverage(replaceCurrent) during an open handoff: completion is refused and leaves one PRIMARY', async () => {
      const id = (await h.data(START, handoff('eng_c'), now)).startHandoff.id;
      await h.data(ASSIGN, { input: { customerId: 'cus_big1', engineerId: 'eng_d', role: 'PRIMARY', replaceCurrent: true } }, now);
      const err = await errorOf(COMPLETE, { id });
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(new RegExp(`handoff ${id} cannot complete: Customer cus_big1 already has a PRIMARY`));
      expect(await primaries('cus_big1')).toEqual(['eng_d']);
      // Nothing half-written: the other customers still have A, the handoff is still open.
      expect(await primaries('cus_big2')).toEqual(['eng_a']);
    });

    it('the import refuses a second PRIMARY with a row error on its line, or ends the old one with replaceCurrent', async () => {
      const csv = 'id,engineerId,customerId,role,from\ncov_imp1,eng_d,cus_big1,PRIMARY,2026-06-18T00:00:00Z\n';
      const refused = (await h.data(IMPORT, { content: csv }, now)).importRecords;
      expect(refused.files[0]).toEqual({ created: 0, rejected: 1 });
      expect(refused.errors).toEqual([
        {
          line: 2,
          field: 'role',
          reason: expect.stringContaining('Customer cus_big1 already has a PRIMARY in that period: coverage cov_a1'),
        },
      ]);
      expect(await primaries('cus_big1')).toEqual(['eng_a']);

      const replaced = (await h.data(IMPORT, { content: csv, replaceCurrent: true }, now)).importRecords;
      expect(replaced.errors).toEqual([]);
      expect(replaced.files[0]).toEqual({ created: 1, rejected: 0 });
      expect(await primaries('cus_big1')).toEqual(['eng_d']);
      expect(await primaries('cus_big1', '2026-06-17T00:00:00Z')).toEqual(['eng_a']);
    });

    it('two PRIMARY rows for one customer in one file: the second is refused, or each ends the one before', async () => {
      const csv =
        'id,engineerId,customerId,role,from\ncov_n1,eng_d,cus_big1,PRIMARY,2026-06-18T00:00:00Z\ncov_n2,eng_c,cus_big1,PRIMARY,2026-06-19T00:00:00Z\n';
      const plain = (await h.data(IMPORT, { content: csv }, now)).importRecords;
      expect(plain.errors.map((e: { line: number }) => e.line)).toEqual([2, 3]);
      expect(await primaries('cus_big1')).toEqual(['eng_a']);
      const report = (await h.data(IMPORT, { content: csv, replaceCurrent: true }, now)).importRecords;
      // With replaceCurrent each row ends the one before: A until 18th, D until 19th, then C.
      expect(report.errors).toEqual([]);
      expect(await primaries('cus_big1')).toEqual(['eng_c']);
      expect(await primaries('cus_big1', '2026-06-18T12:00:00Z')).toEqual(['eng_d']);
    });
  });

  it('the import refuses a case ownership that overlaps the current one (one owner at a time)', async () => {
    const OWNERSHIPS = gql(
      `mutation($content: String!) { importRecords(kind: "case-ownerships", format: CSV, content: $content) { errors { line field reason } files { created rejected } } }`,
    );
    const csv = 'caseId,engineerId,from\ncas_small-board,eng_d,2026-06-10T00:00:00Z\n';
    const report = (await h.data(OWNERSHIPS, { content: csv }, now)).importRecords;
    expect(report.errors).toEqual([
      { line: 2, field: 'from', reason: expect.stringContaining('already has an owner in that period: eng_a') },
    ]);
    expect((await h.data(CASE, { id: 'cas_small-board' }, now)).node.owner).toEqual({ id: 'eng_a' });
    // Ending A's period in the same file first makes room for D.
    const ok =
      'caseId,engineerId,from,to\ncas_small-board,eng_a,2026-06-01T08:00:00Z,2026-06-10T00:00:00Z\ncas_small-board,eng_d,2026-06-10T00:00:00Z,\n';
    expect((await h.data(OWNERSHIPS, { content: ok }, now)).importRecords.errors).toEqual([]);
    expect((await h.data(CASE, { id: 'cas_small-board' }, now)).node.owner).toEqual({ id: 'eng_d' });
  });

  describe('item 2: one "now" everywhere', () => {
    it('a TRANSFER effective in two days: today A owns, covers and is listed; from then on C', async () => {
      const id = (await h.data(START, handoff('eng_c', { reason: 'TRANSFER', effectiveAt: inDays(2).toISOString() }), now)).startHandoff.id;
      await h.data(COMPLETE, { id }, now);
      for (const opts of [now, { ...now, now: inDays(1) }]) {
        expect(await primaries('cus_small', undefined, opts)).toEqual(['eng_a']);
        const k = (await h.data(CASE, { id: 'cas_small-board' }, opts)).node;
        expect(k.owner).toEqual({ id: 'eng_a' });
        expect(k.ownershipHistory).toEqual([
          { engineer: { id: 'eng_c' }, current: false, scheduled: true },
          { engineer: { id: 'eng_a' }, current: true, scheduled: false },
        ]);
        expect((await h.data(OWNED, { id: 'eng_a' }, opts)).engineer.ownedCases).toEqual([{ id: 'cas_small-board' }]);
        expect((await h.data(OWNED, { id: 'eng_c' }, opts)).engineer.ownedCases).toEqual([]);
      }
      const later = { ...now, now: inDays(3) };
      expect(await primaries('cus_small', undefined, later)).toEqual(['eng_c']);
      expect((await h.data(CASE, { id: 'cas_small-board' }, later)).node.owner).toEqual({ id: 'eng_c' });
      expect((await h.data(OWNED, { id: 'eng_c' }, later)).engineer.ownedCases).toEqual([{ id: 'cas_small-board' }]);
      expect((await h.data(OWNED, { id: 'eng_a' }, later)).engineer.ownedCases).toEqual([]);
    });
  });

  describe('item 3: vacations are dated periods of the engineer', () => {
    const vacation = () => handoff('eng_c', { reason: 'VACATION', effectiveAt: inDays(1).toISOString(), until: inDays(11).toISOString() });

    it('planHandoff shows the BACKUP until `until` that completeHandoff opens; the vacation skips A in the escalation path', async () => {
      const plan = (await h.data(PLAN, vacation(), now)).planHandoff;
      expect(plan.assignments).toContainEqual({
        customer: { id: 'cus_big1' },
        successor: { id: 'eng_c' },
        roles: ['BACKUP'],
        from: inDays(1).toISOString(),
        until: inDays(11).toISOString(),
      });
      const id = (await h.data(START, vacation(), now)).startHandoff.id;
      await h.data(COMPLETE, { id }, now);

      const during = { ...now, now: inDays(5) };
      expect(await primaries('cus_big1', undefined, during)).toEqual(['eng_a']);
      const [absence] = (await h.data(ABSENCES, { id: 'eng_a' }, during)).engineer.absences;
      expect(absence).toMatchObject({
        reason: 'VACATION',
        from: inDays(1).toISOString(),
        to: inDays(11).toISOString(),
        current: true,
        coveredBy: [{ id: 'eng_c' }],
      });
      const path = (await h.data(ESCALATION, { id: 'cus_big1' }, during)).customer.escalationPath;
      expect(path[0]).toMatchObject({ order: 0, role: 'PRIMARY', engineer: { id: 'eng_a' } });
      expect(path[0].skippedBecause).toContain(`VACATION (absence ${absence.id})`);
      expect(path[0].skippedBecause).toContain('covered by C Chen (eng_c)');
      expect(path[1]).toEqual({ order: 1, role: 'PRIMARY', engineer: { id: 'eng_c' }, skippedBecause: null });

      const before = (await h.data(ESCALATION, { id: 'cus_big1' }, now)).customer.escalationPath;
      expect(before[0]).toEqual({ order: 1, role: 'PRIMARY', engineer: { id: 'eng_a' }, skippedBecause: null });
      const after = (await h.data(ESCALATION, { id: 'cus_big1' }, { ...now, now: inDays(12) })).customer.escalationPath;
      expect(after[0]).toEqual({ order: 1, role: 'PRIMARY', engineer: { id: 'eng_a' }, skippedBecause: null });
      expect(after.map((s: { engineer: { id: string } }) => s.engineer.id)).not.toContain('eng_c');
    });

    it('recordAbsence sets leave directly; an overlapping one is a CONFLICT naming it', async () => {
      const input = {
        engineerId: 'eng_a',
        reason: 'TRAINING',
        from: inDays(-1).toISOString(),
        to: inDays(2).toISOString(),
        coverEngineerIds: ['eng_d'],
      };
      const { id } = (await h.data(RECORD_ABSENCE, { input }, now)).recordAbsence;
      const path = (await h.data(ESCALATION, { id: 'cus_big2' }, now)).customer.escalationPath;
      expect(path[0].skippedBecause).toMatch(/^absent: TRAINING/);
      expect(path[1]).toEqual({ order: 1, role: 'PRIMARY', engineer: { id: 'eng_d' }, skippedBecause: null });
      // Back early: ended now, A is first again from now on.
      const END = gql(`mutation($id: ID!, $at: DateTime) { endAbsence(id: $id, at: $at) { to current } }`);
      const later = { ...now, now: inDays(1) };
      expect((await h.data(END, { id, at: inDays(1).toISOString() }, later)).endAbsence).toEqual({
        to: inDays(1).toISOString(),
        current: false,
      });
      expect((await h.data(ESCALATION, { id: 'cus_big2' }, later)).customer.escalationPath[0]).toEqual({
        order: 1,
        role: 'PRIMARY',
        engineer: { id: 'eng_a' },
        skippedBecause: null,
      });
      expect((await errorOf(END, { id, at: inDays(1.5).toISOString() }, later)).code).toBe('CONFLICT');
      const err = await errorOf(RECORD_ABSENCE, { input: { ...input, from: inDays(0.5).toISOString(), to: inDays(3).toISOString() } });
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain(id);
      const bad = await errorOf(RECORD_ABSENCE, { input: { ...input, to: inDays(-2).toISOString() } });
      expect(bad.code).toBe('BAD_USER_INPUT');
      // Without a cover: skipped, and the path says nobody stands in.
      await h.data(RECORD_ABSENCE, { input: { engineerId: 'eng_b', reason: 'LEAVE', from: inDays(-1).toISOString() } }, now);
      const big1 = (await h.data(ESCALATION, { id: 'cus_big1' }, now)).customer.escalationPath;
      expect(big1.find((s: { role: string }) => s.role === 'BACKUP')).toMatchObject({
        order: 0,
        engineer: { id: 'eng_b' },
        skippedBecause: expect.stringContaining('no cover named'),
      });
      expect((await h.data(ABSENCES, { id: 'eng_b' }, now)).engineer.absences).toEqual([
        { id: expect.stringMatching(/^abs_/), reason: 'LEAVE', from: inDays(-1).toISOString(), to: null, current: true, coveredBy: [] },
      ]);
    });
  });

  it('absences are importable and skip the engineer in the escalation path while current', async () => {
    const IMPORT_ABS = gql(
      `mutation($content: String!) { importRecords(kind: "absences", format: JSONL, content: $content) { errors { line reason } files { created } } }`,
    );
    const row = {
      id: 'abs_imported',
      engineerId: 'eng_a',
      reason: 'LEAVE',
      from: inDays(-1).toISOString(),
      to: inDays(1).toISOString(),
      coverEngineerIds: ['eng_d'],
    };
    const report = (await h.data(IMPORT_ABS, { content: JSON.stringify(row) + '\n' }, now)).importRecords;
    expect(report).toEqual({ errors: [], files: [{ created: 1 }] });
    const path = (await h.data(ESCALATION, { id: 'cus_small' }, now)).customer.escalationPath;
    expect(path[0].skippedBecause).toContain('LEAVE (absence abs_imported)');
    expect(path[1]).toEqual({ order: 1, role: 'PRIMARY', engineer: { id: 'eng_d' }, skippedBecause: null });
  });

  describe('item 8: messages that fit what the caller sent', () => {
    it('assignCaseOwner without `at`, after a concurrent change: CONFLICT that does not mention `at`', async () => {
      await h.data(ASSIGN_OWNER, { caseId: 'cas_small-board', engineerId: 'eng_c' }, { ...now, now: new Date(HANDOFF_NOW.getTime() + 5) });
      // A request that began a moment earlier commits second.
      const err = await errorOf(ASSIGN_OWNER, { caseId: 'cas_small-board', engineerId: 'eng_d' });
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain('another change of owner was written meanwhile');
      expect(err.message).not.toMatch(/\bat\b.*must/);
      expect(err.extensions.fields).toBeUndefined();
      // With an explicit `at` the field error remains.
      const explicit = await errorOf(ASSIGN_OWNER, { caseId: 'cas_small-board', engineerId: 'eng_d', at: HANDOFF_NOW.toISOString() });
      expect(explicit.code).toBe('BAD_USER_INPUT');
    });

    it('a CONFLICT for a caller who passed replaceCurrent does not tell him to pass it', async () => {
      await h.data(
        ASSIGN,
        { input: { customerId: 'cus_big1', engineerId: 'eng_d', role: 'PRIMARY', from: inDays(5).toISOString(), replaceCurrent: true } },
        now,
      );
      const err = await errorOf(ASSIGN, {
        input: { customerId: 'cus_big1', engineerId: 'eng_c', role: 'PRIMARY', from: inDays(3).toISOString(), replaceCurrent: true },
      });
      expect(err.code).toBe('CONFLICT');
      expect(err.message).not.toContain('pass replaceCurrent');
      expect(err.message).toContain('replaceCurrent cannot end it');
      const plain = await errorOf(ASSIGN, {
        input: { customerId: 'cus_big1', engineerId: 'eng_c', role: 'PRIMARY', from: inDays(3).toISOString() },
      });
      expect(plain.message).toContain('pass replaceCurrent: true');
    });
  });
});
