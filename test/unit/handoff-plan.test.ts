import { parse } from 'csv-parse/sync';
import { checklistCsv, checklistMarkdown } from '../../src/domain/checklist';
import { HandoffReason } from '../../src/domain/enums';
import { assignCustomers, planHandoff, successorRoles, type HandoffInputs } from '../../src/domain/handoff-plan';

const base: HandoffInputs = {
  outgoing: { id: 'eng_a', name: 'A', status: 'ACTIVE' },
  reason: HandoffReason.ROTATION,
  effectiveAt: '2026-06-15T00:00:00.000Z',
  successors: [{ engineerId: 'eng_c', customerIds: null }],
  portfolio: [
    { customerId: 'cus_1', customerName: 'One', tier: 'VIP', roles: ['PRIMARY'] },
    { customerId: 'cus_2', customerName: 'Two', tier: 'STANDARD', roles: ['BACKUP', 'PRODUCT_LEAD'] },
  ],
  keyContacts: [{ customerId: 'cus_1', contactId: 'con_1', name: 'Sup' }],
  openCases: [{ customerId: 'cus_2', caseId: 'cas_1', number: 'C-1', slaBreached: true }],
  openCommitments: [{ customerId: 'cus_1', commitmentId: 'com_1' }],
  successorInfo: [{ id: 'eng_c', name: 'C', status: 'ACTIVE', customers: 3 }],
  maxPortfolioSize: 10,
};

describe('handoff checklist rules', () => {
  it('generates visit, introductions, transfers and the escalation path per customer, in order', () => {
    const plan = planHandoff(base);
    expect(plan.items.map((i) => [i.seq, i.customerId, i.kind, i.refersToId])).toEqual([
      [1, 'cus_1', 'VISIT_CUSTOMER', 'cus_1'],
      [2, 'cus_1', 'INTRODUCE_CONTACT', 'con_1'],
      [3, 'cus_1', 'TRANSFER_COMMITMENT', 'com_1'],
      [4, 'cus_1', 'SHARE_ESCALATION_PATH', 'cus_1'],
      [5, 'cus_2', 'VISIT_CUSTOMER', 'cus_2'],
      [6, 'cus_2', 'TRANSFER_CASE', 'cas_1'],
      [7, 'cus_2', 'SHARE_ESCALATION_PATH', 'cus_2'],
    ]);
    expect(plan.warnings.map((w) => w.code)).toEqual(['CASE_PAST_SLA']);
    expect(plan.assignments).toEqual([
      { customerId: 'cus_1', successorId: 'eng_c', roles: ['PRIMARY'] },
      { customerId: 'cus_2', successorId: 'eng_c', roles: ['BACKUP', 'PRODUCT_LEAD'] },
    ]);
  });

  it('warns when a successor would exceed the portfolio size or is not active', () => {
    const plan = planHandoff({
      ...base,
      maxPortfolioSize: 4,
      successorInfo: [{ id: 'eng_c', name: 'C', status: 'ON_LEAVE', customers: 3 }],
    });
    expect(plan.warnings.map((w) => w.code).sort()).toEqual(['CASE_PAST_SLA', 'SUCCESSOR_NOT_ACTIVE', 'SUCCESSOR_OVERLOADED']);
  });

  it('rejects a split with two "rest" successors or the outgoing engineer as successor', () => {
    expect(() =>
      assignCustomers({
        ...base,
        successors: [
          { engineerId: 'eng_c', customerIds: null },
          { engineerId: 'eng_d', customerIds: null },
        ],
      }),
    ).toThrow(/only one successor may take "the rest"/);
    expect(() => assignCustomers({ ...base, successors: [{ engineerId: 'eng_a', customerIds: null }] })).toThrow(
      /cannot be his own successor/,
    );
  });

  it('vacation cover never creates a second PRIMARY', () => {
    expect(successorRoles(HandoffReason.VACATION, ['PRIMARY', 'BACKUP', 'PRODUCT_LEAD'])).toEqual(['BACKUP', 'PRODUCT_LEAD']);
    expect(successorRoles(HandoffReason.ROTATION, ['PRIMARY'])).toEqual(['PRIMARY']);
  });
});

describe('printable checklist', () => {
  const data = {
    id: 'hof_1',
    reason: 'ROTATION',
    status: 'IN_PROGRESS',
    effectiveAt: '2026-06-15T00:00:00.000Z',
    from: { name: 'A', phone: '+86 1' },
    customers: [
      {
        id: 'cus_1',
        name: 'One, Ltd',
        tier: 'VIP',
        items: [
          {
            seq: 1,
            kind: 'VISIT_CUSTOMER',
            status: 'DONE',
            doneAt: '2026-06-16T00:00:00.000Z',
            note: 'ok',
            assignee: { name: 'C', phone: '+86 3' },
            subject: { label: 'Customer', id: 'cus_1', name: 'One, Ltd' },
          },
          {
            seq: 2,
            kind: 'TRANSFER_COMMITMENT',
            status: 'OPEN',
            assignee: { name: 'C' },
            subject: { label: 'Commitment', id: 'com_1', text: '=HYPERLINK("x")', dueAt: '2026-06-20T00:00:00.000Z' },
          },
        ],
      },
    ],
  };
  it('renders Markdown with boxes', () => {
    const md = checklistMarkdown(data);
    expect(md).toContain('## One, Ltd (VIP)');
    expect(md).toContain('- [x] 1. Visit the customer with C — 2026-06-16: ok');
    expect(md).toContain('- [ ] 2. Transfer the promise "=HYPERLINK("x")", due 2026-06-20');
  });
  it('renders CSV with quoting and without spreadsheet formulas', () => {
    const lines = checklistCsv(data)
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe(
      'hof_1,cus_1,"One, Ltd",1,VISIT_CUSTOMER,DONE,Visit the customer with C,cus_1,,,C,+86 3,2026-06-16T00:00:00.000Z,ok',
    );
    expect(lines[2]).toContain('"Transfer the promise ""=HYPERLINK(""x"")"", due 2026-06-20"');
  });

  it('neutralises every cell a spreadsheet would run, including after a leading tab or carriage return (OWASP)', () => {
    const risky = ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '\t+1', '\r@x', '\t-1', '\tplain', '\rplain'];
    const items = risky.map((note, n) => ({
      seq: n + 1,
      kind: 'VISIT_CUSTOMER',
      status: 'DONE',
      note,
      assignee: { name: 'C', phone: '+86 138 0000 0000' },
      subject: null,
    }));
    const csv = checklistCsv({ ...data, customers: [{ id: 'cus_1', name: 'One', tier: 'VIP', items }] });
    const rows: string[][] = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: false });
    const notes = rows.slice(1).map((r) => r[r.length - 1]);
    expect(notes).toEqual(risky.map((r) => `'${r}`));
    // A phone number keeps its leading +.
    expect(rows[1][11]).toBe('+86 138 0000 0000');
    // Harmless text is left alone.
    expect(
      checklistCsv({ ...data, customers: [{ id: 'cus_1', name: 'One', tier: 'VIP', items: [{ ...items[0], note: 'call back' }] }] }),
    ).toMatch(/,call back\r\n$/);
  });
});
