import type { GraphBuilder } from './fixtures';

/** The request clock of the attention tests. */
export const NOW = new Date('2025-11-01T00:00:00.000Z');

const HOUR = 3_600_000;
/** An ISO instant `h` hours before NOW (negative: after). */
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString();
export const daysAgo = (d: number) => hoursAgo(d * 24);
export const daysAhead = (d: number) => hoursAgo(-d * 24);

export const LONG_AGO = '2024-01-01T00:00:00Z';

export interface HealthyOpts {
  tier?: 'VIP' | 'KEY' | 'STANDARD';
  name?: string;
  regionId?: string;
  /** Leave out the PRIMARY or BACKUP coverage. */
  primary?: boolean;
  backup?: boolean;
  primaryStatus?: string;
  backupStatus?: string;
  /** When the last visit (with the supervisor) was; default 2 days ago. */
  visitDaysAgo?: number;
}

/**
 * A customer with nothing wrong, named by `slug`: its own ACTIVE primary (eng_<slug>-p) and backup
 * (eng_<slug>-b), a current SUPERVISOR contact (con_<slug>-sup) and an ON_DUTY one (con_<slug>-duty),
 * and a visit two days ago (or visitDaysAgo) (int_<slug>-visit). Tests then add the one defect they are about.
 */
export function healthyCustomer(g: GraphBuilder, slug: string, opts: HealthyOpts = {}): GraphBuilder {
  const c = `cus_${slug}`;
  g.customer({ id: c, name: opts.name ?? `Customer ${slug}`, tier: opts.tier ?? 'STANDARD', regionId: opts.regionId ?? 'reg_att-city' });
  if (opts.primary !== false) {
    g.engineer({ id: `eng_${slug}-p`, name: `Primary of ${slug}`, kind: 'EMPLOYEE', status: opts.primaryStatus ?? 'ACTIVE' });
    g.coverage({ id: `cov_${slug}-p`, engineerId: `eng_${slug}-p`, customerId: c, role: 'PRIMARY', from: LONG_AGO });
  }
  if (opts.backup !== false) {
    g.engineer({ id: `eng_${slug}-b`, name: `Backup of ${slug}`, kind: 'PARTNER', status: opts.backupStatus ?? 'ACTIVE' });
    g.coverage({ id: `cov_${slug}-b`, engineerId: `eng_${slug}-b`, customerId: c, role: 'BACKUP', from: LONG_AGO });
  }
  g.contact({ id: `con_${slug}-sup`, name: `Supervisor at ${slug}`, role: 'SUPERVISOR' });
  g.contact({ id: `con_${slug}-duty`, name: `On duty at ${slug}`, role: 'ON_DUTY', reportsToId: `con_${slug}-sup` });
  g.employment({ contactId: `con_${slug}-sup`, customerId: c, from: LONG_AGO });
  g.employment({ contactId: `con_${slug}-duty`, customerId: c, from: LONG_AGO });
  g.interaction({
    id: `int_${slug}-visit`,
    at: daysAgo(opts.visitDaysAgo ?? 2),
    channel: 'VISIT',
    customerId: c,
    contactIds: [`con_${slug}-sup`],
  });
  return g;
}

/** The regions every attention fixture lives in: a province with one city. */
export function attentionRegions(g: GraphBuilder): GraphBuilder {
  return g
    .region({ id: 'reg_att-prov', name: 'Attention Province', kind: 'PROVINCE' })
    .region({ id: 'reg_att-city', name: 'Attention City', kind: 'CITY', parentId: 'reg_att-prov' })
    .region({ id: 'reg_att-other', name: 'Elsewhere', kind: 'PROVINCE' });
}

/**
 * Customers `from`..`to`-1 (ids cus_blk-00000…) with something on every path the attention snapshot
 * reads: coverage (a primary shared by 10 customers, a backup), two contacts, interactions, an open
 * case with an owner, workers and an interaction about it, a closed case, a device, a commitment and an
 * open handoff item. Regions: ten cities under one province.
 */
export function bulkAttentionGraph(g: GraphBuilder, from: number, to: number): GraphBuilder {
  if (from === 0) {
    g.region({ id: 'reg_blk', name: 'Bulk Province', kind: 'PROVINCE' });
    for (let r = 0; r < 10; r++) g.region({ id: `reg_blk-${r}`, name: `Bulk City ${r}`, kind: 'CITY', parentId: 'reg_blk' });
    g.engineer({ id: 'eng_blk-old', name: 'Rotated out', kind: 'EMPLOYEE', status: 'TRANSFERRED' });
    g.engineer({ id: 'eng_blk-new', name: 'Rotated in', kind: 'EMPLOYEE' });
    g.handoff({
      id: 'hof_blk',
      reason: 'ROTATION',
      effectiveAt: daysAgo(30),
      status: 'COMPLETED',
      fromId: 'eng_blk-old',
      toIds: ['eng_blk-new'],
    });
  }
  for (let i = from; i < to; i++) {
    const n = String(i).padStart(5, '0');
    const c = `cus_blk-${n}`;
    const primary = `eng_blk-p${Math.floor(i / 10)}`;
    const tier = (['VIP', 'KEY', 'STANDARD'] as const)[i % 3];
    g.customer({ id: c, name: `Bulk ${n}`, tier, regionId: `reg_blk-${i % 10}` });
    if (i % 10 === 0 || i === from) g.engineer({ id: primary, name: `Bulk primary ${Math.floor(i / 10)}`, kind: 'EMPLOYEE' });
    g.engineer({ id: `eng_blk-b${n}`, name: `Bulk backup ${n}`, kind: 'PARTNER', status: i % 4 === 0 ? 'ON_LEAVE' : 'ACTIVE' });
    g.coverage({ id: `cov_blk-p${n}`, engineerId: primary, customerId: c, role: 'PRIMARY', from: LONG_AGO });
    g.coverage({ id: `cov_blk-b${n}`, engineerId: `eng_blk-b${n}`, customerId: c, role: 'BACKUP', from: LONG_AGO });
    g.contact({ id: `con_blk-s${n}`, name: `Supervisor ${n}`, role: 'SUPERVISOR' });
    g.contact({ id: `con_blk-d${n}`, name: `On duty ${n}`, role: 'ON_DUTY' });
    g.employment({ contactId: `con_blk-s${n}`, customerId: c, from: LONG_AGO });
    g.employment({ contactId: `con_blk-d${n}`, customerId: c, from: LONG_AGO });
    g.interaction({
      id: `int_blk-v${n}`,
      at: daysAgo(5 + (i % 60)),
      channel: 'VISIT',
      customerId: c,
      engineerId: primary,
      contactIds: [`con_blk-s${n}`],
    });
    g.interaction({
      id: `int_blk-c${n}`,
      at: daysAgo(40 + (i % 30)),
      channel: 'CALL',
      customerId: c,
      engineerId: primary,
      contactIds: [`con_blk-d${n}`, `con_blk-s${n}`],
    });
    g.case({
      id: `cas_blk-o${n}`,
      title: `Open fault ${n}`,
      kind: 'FAULT',
      severity: (['CRITICAL', 'MAJOR', 'MINOR'] as const)[i % 3],
      status: 'IN_PROGRESS',
      openedAt: hoursAgo(1 + (i % 100)),
      respondedAt: i % 2 ? hoursAgo(1 + (i % 100)) : undefined,
      lastCustomerUpdateAt: hoursAgo(i % 50),
      customerId: c,
      workedOnIds: [primary, `eng_blk-b${n}`],
    });
    if (i % 5 !== 0) g.ownership({ caseId: `cas_blk-o${n}`, engineerId: primary, from: hoursAgo(1 + (i % 100)) });
    g.interaction({
      id: `int_blk-k${n}`,
      at: hoursAgo(i % 50),
      channel: 'CALL',
      customerId: c,
      caseId: `cas_blk-o${n}`,
      contactIds: [`con_blk-d${n}`],
    });
    g.case({
      id: `cas_blk-x${n}`,
      title: `Closed ${n}`,
      kind: 'SERVICE_REQUEST',
      severity: 'MINOR',
      status: 'CLOSED',
      openedAt: daysAgo(12),
      resolvedAt: daysAgo(10),
      customerId: c,
    });
    g.device({ id: `dev_blk-${n}`, serial: `SN-${n}`, model: 'OSN 8800', maintenanceUntil: daysAgo(30 - (i % 90)), customerId: c });
    g.commitment({ id: `com_blk-${n}`, text: `Promise ${n}`, dueAt: hoursAgo(24 - (i % 48)), customerId: c, engineerId: primary });
    if (i % 7 === 0) g.handoffItem({ id: `hoi_blk-${n}`, kind: 'VISIT_CUSTOMER', handoffId: 'hof_blk', customerId: c, refersToId: c });
  }
  return g;
}
