import { GraphBuilder } from './fixtures';

/** The request clock of the read-API tests. */
export const NOW = new Date('2025-11-01T00:00:00.000Z');

/**
 * The fixture of issue #3:
 * - cus_cm-urumqi: its PRIMARY engineer A has TRANSFERRED but the coverage was never ended (case C4);
 * - cus_ct-wuhan: coverage history (Old covered it until April 2025, C since);
 * - a contact reporting line three deep (on duty -> supervisor -> manager -> executive);
 * - devices with expired, expiring, active and unknown maintenance;
 * - cas_c11 touched by three engineers, owned by nobody (case C11).
 */
export function relationshipFixture(): GraphBuilder {
  const g = new GraphBuilder();
  g.region({ id: 'reg_xinjiang', name: 'Xinjiang', kind: 'PROVINCE' })
    .region({ id: 'reg_urumqi', name: 'Urumqi', kind: 'CITY', parentId: 'reg_xinjiang' })
    .region({ id: 'reg_hubei', name: 'Hubei', kind: 'PROVINCE' })
    .region({ id: 'reg_wuhan', name: 'Wuhan', kind: 'CITY', parentId: 'reg_hubei' })
    .partner({ id: 'par_tianshan', name: 'Tianshan Telecom Services' })
    .engineer({
      id: 'eng_a',
      name: '王磊',
      nameLatin: 'Wang Lei',
      kind: 'EMPLOYEE',
      status: 'TRANSFERRED',
      phone: '+86 138 0000 0001',
      email: 'wang.lei@vendor.example',
      regionId: 'reg_urumqi',
    })
    .engineer({
      id: 'eng_b',
      name: '李娜',
      nameLatin: 'Li Na',
      kind: 'EMPLOYEE',
      status: 'ACTIVE',
      phone: '+86 138 0000 0002',
      email: 'li.na@vendor.example',
      regionId: 'reg_urumqi',
      skills: ['OTN', 'NMS'],
    })
    .engineer({
      id: 'eng_c',
      name: '陈刚',
      nameLatin: 'Chen Gang',
      kind: 'EMPLOYEE',
      status: 'ACTIVE',
      phone: '+86 138 0000 0003',
      regionId: 'reg_wuhan',
    })
    .engineer({
      id: 'eng_p',
      name: '赵勇',
      nameLatin: 'Zhao Yong',
      kind: 'PARTNER',
      status: 'ACTIVE',
      phone: '+86 138 0000 0004',
      partnerId: 'par_tianshan',
      regionId: 'reg_urumqi',
    })
    .engineer({
      id: 'eng_m',
      name: '刘芳',
      nameLatin: 'Liu Fang',
      kind: 'EMPLOYEE',
      status: 'ACTIVE',
      phone: '+86 138 0000 0005',
      email: 'liu.fang@vendor.example',
    })
    .engineer({ id: 'eng_old', name: '孙涛', nameLatin: 'Sun Tao', kind: 'EMPLOYEE', status: 'LEFT' })
    .engineer({ id: 'eng_leave', name: '周敏', nameLatin: 'Zhou Min', kind: 'EMPLOYEE', status: 'ON_LEAVE', phone: '+86 138 0000 0007' })
    .customer({
      id: 'cus_cm-urumqi',
      name: '中国移动乌鲁木齐分公司',
      nameLatin: 'China Mobile Urumqi',
      tier: 'VIP',
      segment: 'carrier',
      regionId: 'reg_urumqi',
    })
    .customer({
      id: 'cus_ct-wuhan',
      name: '中国电信武汉分公司',
      nameLatin: 'China Telecom Wuhan',
      tier: 'KEY',
      segment: 'carrier',
      regionId: 'reg_wuhan',
    })
    .customer({ id: 'cus_hotel', name: 'Urumqi Grand Hotel', tier: 'STANDARD', segment: 'hotel', regionId: 'reg_urumqi' })
    .coverage({ id: 'cov_a-primary', engineerId: 'eng_a', customerId: 'cus_cm-urumqi', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })
    .coverage({ id: 'cov_b-backup', engineerId: 'eng_b', customerId: 'cus_cm-urumqi', role: 'BACKUP', from: '2024-01-01T00:00:00Z' })
    .coverage({
      id: 'cov_leave-lead',
      engineerId: 'eng_leave',
      customerId: 'cus_cm-urumqi',
      role: 'PRODUCT_LEAD',
      from: '2024-01-01T00:00:00Z',
    })
    .coverage({ id: 'cov_m-sm', engineerId: 'eng_m', customerId: 'cus_cm-urumqi', role: 'SERVICE_MANAGER', from: '2024-01-01T00:00:00Z' })
    .coverage({
      id: 'cov_old-primary',
      engineerId: 'eng_old',
      customerId: 'cus_ct-wuhan',
      role: 'PRIMARY',
      from: '2023-01-01T00:00:00Z',
      to: '2025-04-01T00:00:00Z',
    })
    .coverage({ id: 'cov_c-primary', engineerId: 'eng_c', customerId: 'cus_ct-wuhan', role: 'PRIMARY', from: '2025-04-01T00:00:00Z' })
    .coverage({ id: 'cov_p-onsite', engineerId: 'eng_p', customerId: 'cus_hotel', role: 'PARTNER_ONSITE', from: '2025-01-01T00:00:00Z' })
    .contact({
      id: 'con_exec',
      name: '马建国',
      nameLatin: 'Ma Jianguo',
      title: 'Deputy General Manager',
      role: 'EXECUTIVE',
      phone: '+86 139 1000 0001',
    })
    .contact({
      id: 'con_mgr',
      name: '杨帆',
      nameLatin: 'Yang Fan',
      title: 'Network Operations Manager',
      role: 'MANAGER',
      phone: '+86 139 1000 0002',
      reportsToId: 'con_exec',
    })
    .contact({
      id: 'con_sup',
      name: '何静',
      nameLatin: 'He Jing',
      title: 'Transmission Supervisor',
      role: 'SUPERVISOR',
      phone: '+86 139 1000 0003',
      reportsToId: 'con_mgr',
    })
    .contact({
      id: 'con_duty',
      name: '吴强',
      nameLatin: 'Wu Qiang',
      title: 'On-duty Engineer',
      role: 'ON_DUTY',
      phone: '+86 139 1000 0004',
      email: 'wu.qiang@cm.example',
      reportsToId: 'con_sup',
    })
    .contact({ id: 'con_former', name: '郑丽', nameLatin: 'Zheng Li', role: 'ENGINEER' })
    .employment({ contactId: 'con_exec', customerId: 'cus_cm-urumqi', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_mgr', customerId: 'cus_cm-urumqi', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_sup', customerId: 'cus_cm-urumqi', from: '2020-01-01T00:00:00Z' })
    .employment({ contactId: 'con_duty', customerId: 'cus_cm-urumqi', from: '2022-01-01T00:00:00Z' })
    .employment({ contactId: 'con_former', customerId: 'cus_cm-urumqi', from: '2019-01-01T00:00:00Z', to: '2024-06-30T00:00:00Z' })
    .device({
      id: 'dev_expired',
      serial: 'SN-0001',
      model: 'OptiX OSN 8800',
      productLine: 'OTN',
      maintenanceUntil: '2025-01-01T00:00:00Z',
      customerId: 'cus_cm-urumqi',
    })
    .device({
      id: 'dev_expiring',
      serial: 'SN-0002',
      model: 'OptiX OSN 1800',
      productLine: 'OTN',
      maintenanceUntil: '2025-11-15T00:00:00Z',
      customerId: 'cus_cm-urumqi',
    })
    .device({
      id: 'dev_active',
      serial: 'SN-0003',
      model: 'iManager U2000',
      productLine: 'NMS',
      maintenanceUntil: '2027-01-01T00:00:00Z',
      customerId: 'cus_cm-urumqi',
    })
    .device({ id: 'dev_unknown', serial: 'SN-0004', model: 'PBX-200', customerId: 'cus_hotel' })
    .case({
      id: 'cas_c11',
      number: 'C-2025-0911',
      title: 'Board alarm on OSN 8800',
      kind: 'FAULT',
      severity: 'MAJOR',
      status: 'IN_PROGRESS',
      openedAt: '2025-09-11T08:00:00Z',
      customerId: 'cus_cm-urumqi',
      deviceId: 'dev_expired',
      raisedById: 'con_duty',
      workedOnIds: ['eng_p', 'eng_b', 'eng_c'],
    })
    .case({
      id: 'cas_owned',
      number: 'C-2025-1020',
      title: 'NMS server slow',
      kind: 'FAULT',
      severity: 'MINOR',
      status: 'OPEN',
      openedAt: '2025-10-20T08:00:00Z',
      customerId: 'cus_cm-urumqi',
      deviceId: 'dev_active',
      workedOnIds: ['eng_a', 'eng_b'],
    })
    .case({
      id: 'cas_done',
      number: 'C-2025-0101',
      title: 'Upgrade request',
      kind: 'SERVICE_REQUEST',
      severity: 'MINOR',
      status: 'CLOSED',
      openedAt: '2025-01-01T08:00:00Z',
      resolvedAt: '2025-01-02T08:00:00Z',
      customerId: 'cus_cm-urumqi',
    })
    .ownership({ caseId: 'cas_owned', engineerId: 'eng_a', from: '2025-10-20T08:00:00Z', to: '2025-10-22T08:00:00Z' })
    .ownership({ caseId: 'cas_owned', engineerId: 'eng_b', from: '2025-10-22T08:00:00Z' })
    .interaction({
      id: 'int_1',
      at: '2025-10-01T09:00:00Z',
      channel: 'CALL',
      summary: 'Alarm follow-up',
      customerId: 'cus_cm-urumqi',
      engineerId: 'eng_b',
      caseId: 'cas_c11',
      contactIds: ['con_duty'],
    })
    .interaction({
      id: 'int_2',
      at: '2025-10-25T09:00:00Z',
      channel: 'VISIT',
      summary: 'Quarterly visit',
      customerId: 'cus_cm-urumqi',
      engineerId: 'eng_b',
      contactIds: ['con_sup', 'con_mgr'],
    })
    .commitment({
      id: 'com_board',
      text: 'Replacement board arrives by Friday',
      dueAt: '2025-10-31T10:00:00Z',
      madeAt: '2025-10-27T10:00:00Z',
      customerId: 'cus_cm-urumqi',
      engineerId: 'eng_b',
      caseId: 'cas_c11',
    })
    .commitment({
      id: 'com_kept',
      text: 'Send the upgrade plan',
      dueAt: '2025-02-01T10:00:00Z',
      status: 'KEPT',
      customerId: 'cus_cm-urumqi',
      engineerId: 'eng_a',
    });
  return g;
}
