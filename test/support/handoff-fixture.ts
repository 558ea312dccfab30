import type { PlanHandoffInput } from '../generated/graphql';
import { GraphBuilder } from './fixtures';

/** Mid-June 2026: engineer A rotates out of Urumqi (case C4). */
export const HANDOFF_NOW = new Date('2026-06-20T00:00:00.000Z');
export const EFFECTIVE = '2026-06-15T00:00:00.000Z';

/** A's rotation: all his customers to C at EFFECTIVE. */
export const ROTATION_A_TO_C: PlanHandoffInput = {
  outgoingEngineerId: 'eng_a',
  successors: [{ engineerId: 'eng_c' }],
  reason: 'ROTATION',
  effectiveAt: EFFECTIVE,
};

/**
 * Engineer A is PRIMARY for two big customers (VIP, KEY) and one small one. At the small one he
 * owns an open case (already past its SLA) and promised a board arrival date. C and D are
 * successors; E is on leave; B is the backup at the VIP customer.
 */
export function handoffFixture(): GraphBuilder {
  const g = new GraphBuilder();
  g.region({ id: 'reg_xj', name: 'Xinjiang', kind: 'PROVINCE' })
    .region({ id: 'reg_urumqi', name: 'Urumqi', kind: 'CITY', parentId: 'reg_xj' })
    .region({ id: 'reg_wuhan', name: 'Wuhan', kind: 'CITY' })
    .engineer({ id: 'eng_a', name: 'A Wang', kind: 'EMPLOYEE', phone: '+86 138 0000 0001' })
    .engineer({ id: 'eng_c', name: 'C Chen', kind: 'EMPLOYEE', phone: '+86 138 0000 0003' })
    .engineer({ id: 'eng_d', name: 'D Du', kind: 'EMPLOYEE' })
    .engineer({ id: 'eng_e', name: 'E Li', kind: 'EMPLOYEE', status: 'ON_LEAVE' })
    .engineer({ id: 'eng_b', name: 'B Bai', kind: 'EMPLOYEE' })
    .customer({ id: 'cus_big1', name: 'China Mobile Urumqi', tier: 'VIP', regionId: 'reg_urumqi' })
    .customer({ id: 'cus_big2', name: 'China Telecom Wuhan', tier: 'KEY', regionId: 'reg_wuhan' })
    .customer({ id: 'cus_small', name: 'China Unicom Midong', tier: 'STANDARD', regionId: 'reg_urumqi' })
    .coverage({ id: 'cov_a1', engineerId: 'eng_a', customerId: 'cus_big1', role: 'PRIMARY', from: '2025-01-01T00:00:00Z' })
    .coverage({ id: 'cov_a2', engineerId: 'eng_a', customerId: 'cus_big2', role: 'PRIMARY', from: '2025-01-01T00:00:00Z' })
    .coverage({ id: 'cov_a3', engineerId: 'eng_a', customerId: 'cus_small', role: 'PRIMARY', from: '2025-01-01T00:00:00Z' })
    .coverage({ id: 'cov_b1', engineerId: 'eng_b', customerId: 'cus_big1', role: 'BACKUP', from: '2025-01-01T00:00:00Z' })
    .contact({ id: 'con_b1-sup', name: 'Big1 Supervisor', role: 'SUPERVISOR', phone: '+86 139 0000 0101' })
    .contact({ id: 'con_b1-eng', name: 'Big1 Engineer', role: 'ENGINEER' })
    .contact({ id: 'con_b2-mgr', name: 'Big2 Manager', role: 'MANAGER', phone: '+86 139 0000 0201' })
    .contact({ id: 'con_s-duty', name: 'Small On-duty', role: 'ON_DUTY', phone: '+86 139 0000 0301' })
    .contact({ id: 'con_s-sup', name: 'Small Supervisor', role: 'SUPERVISOR', phone: '+86 139 0000 0302' })
    .employment({ contactId: 'con_b1-sup', customerId: 'cus_big1', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_b1-eng', customerId: 'cus_big1', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_b2-mgr', customerId: 'cus_big2', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_s-duty', customerId: 'cus_small', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_s-sup', customerId: 'cus_small', from: '2020-01-01T00:00:00Z' })
    .case({
      id: 'cas_small-board',
      number: 'C-2026-0601',
      title: 'Main control board fault',
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'IN_PROGRESS',
      openedAt: '2026-06-01T08:00:00Z',
      respondedAt: '2026-06-01T09:00:00Z',
      customerId: 'cus_small',
      workedOnIds: ['eng_a'],
    })
    .ownership({ caseId: 'cas_small-board', engineerId: 'eng_a', from: '2026-06-01T08:00:00Z' })
    .commitment({
      id: 'com_board-date',
      text: 'Agree the replacement board arrival date',
      dueAt: '2026-06-25T10:00:00Z',
      customerId: 'cus_small',
      engineerId: 'eng_a',
      caseId: 'cas_small-board',
    });
  return g;
}
