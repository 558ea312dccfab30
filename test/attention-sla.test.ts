import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseSlaDocument, CustomerFlagsDocument, CustomerOpenCasesSlaDocument } from './generated/graphql';
import { loadConfig } from '../src/config';
import { loadPolicy } from '../src/domain/sla-policy';
import { REPO_ROOT } from '../src/paths';
import { testEngines } from './support/engines';
import { GraphBuilder } from './support/fixtures';
import { Harness } from './support/harness';
import { LONG_AGO, NOW, attentionRegions, healthyCustomer, hoursAgo } from './support/attention-fixture';

const T0 = NOW; // 2025-11-01T00:00:00Z
const after = (h: number) => ({ now: new Date(T0.getTime() + h * 3_600_000) });

/** case.sla on a controlled clock; the tier comes from the case's customer. */
describe.each(testEngines())('case.sla on $name', (engine) => {
  let h: Harness;
  const CRIT = {
    id: 'cas_sla-crit',
    title: 'NMS down',
    kind: 'FAULT',
    severity: 'CRITICAL',
    status: 'OPEN',
    openedAt: T0.toISOString(),
    customerId: 'cus_sla-vip',
  };

  beforeAll(async () => {
    h = await Harness.start(engine);
    const g = attentionRegions(new GraphBuilder());
    healthyCustomer(g, 'sla-vip', { tier: 'VIP' });
    healthyCustomer(g, 'sla-std');
    g.case({ ...CRIT });
    g.case({ ...CRIT, id: 'cas_sla-std', customerId: 'cus_sla-std' });
    // Resolved 48 h after opening: a minor service request allows 24 h.
    g.case({
      id: 'cas_sla-closed',
      title: 'Config change',
      kind: 'SERVICE_REQUEST',
      severity: 'MINOR',
      status: 'RESOLVED',
      openedAt: hoursAgo(72),
      respondedAt: hoursAgo(71),
      resolvedAt: hoursAgo(24),
      customerId: 'cus_sla-std',
    });
    await g.write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });

  const sla = async (id: string, now: { now: Date }) => (await h.data(CaseSlaDocument, { id }, now)).case!.sla;

  it('a VIP critical fault: 1 h to respond, 24 h to resolve, 2 h of silence (standard limits halved)', async () => {
    expect(await sla('cas_sla-crit', after(0.5))).toEqual({
      responseDueAt: '2025-11-01T01:00:00.000Z',
      resolveDueAt: '2025-11-02T00:00:00.000Z',
      responseBreached: false,
      resolveBreached: false,
      remaining: 0.5,
      silentForHours: 0.5,
      silenceLimitHours: 2,
      silenceBreached: false,
    });
    expect(await sla('cas_sla-crit', after(3))).toMatchObject({
      responseBreached: true,
      resolveBreached: false,
      remaining: -2,
      silentForHours: 3,
      silenceBreached: true,
    });
  });

  it('the same case at a STANDARD customer gets the standard limits', async () => {
    expect(await sla('cas_sla-std', after(0.5))).toMatchObject({
      responseDueAt: '2025-11-01T02:00:00.000Z',
      resolveDueAt: '2025-11-03T00:00:00.000Z',
      remaining: 1.5,
      silenceLimitHours: 4,
    });
  });

  it('after the response the clock counts to the resolution, and silence from the last customer update', async () => {
    await new GraphBuilder()
      .case({
        ...CRIT,
        status: 'IN_PROGRESS',
        respondedAt: after(0.75).now.toISOString(),
        lastCustomerUpdateAt: after(2.5).now.toISOString(),
      })
      .write(h.store);
    expect(await sla('cas_sla-crit', after(3))).toMatchObject({
      responseBreached: false,
      resolveBreached: false,
      remaining: 21,
      silentForHours: 0.5,
      silenceBreached: false,
    });
    expect(await sla('cas_sla-crit', after(25))).toMatchObject({ resolveBreached: true, remaining: -1 });
  });

  it('a resolved case keeps its breach as a fact and has no running clock', async () => {
    expect(await sla('cas_sla-closed', { now: NOW })).toEqual({
      responseDueAt: hoursAgo(70),
      resolveDueAt: hoursAgo(48),
      responseBreached: false,
      resolveBreached: true,
      remaining: null,
      silentForHours: null,
      silenceLimitHours: 24,
      silenceBreached: false,
    });
  });

  it('sla on a list of cases loads the customers in one batch', async () => {
    h.store.reset();
    const { customer } = await h.data(CustomerOpenCasesSlaDocument, { id: 'cus_sla-vip' }, after(3));
    expect(customer!.openCases.map((k) => [k.id, k.sla.responseBreached])).toEqual([['cas_sla-crit', false]]);
    // customer, its open cases, the cases' customer (for the tier)
    expect(h.store.calls).toBe(3);
  });
});

/**
 * RAPPORT_POLICY_FILE: a JSON file of overrides read at start (src/config.ts). The same data read with
 * the defaults and with the file shows the threshold and the SLA cell taking effect.
 */
describe.each(testEngines())('a policy file on $name', (engine) => {
  let byDefault: Harness;
  let fromFile: Harness;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-policy-'));
    const file = path.join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        description: 'stricter VIP outages, smaller portfolios',
        sla: { FAULT: { CRITICAL: { VIP: { respondHours: 0.25 } } } },
        thresholds: { overloadedPrimary: { maxCustomers: 1 } },
      }),
    );
    const config = loadConfig({ RAPPORT_POLICY_FILE: file });

    byDefault = await Harness.start(engine);
    fromFile = await Harness.start(engine, { store: byDefault.store.inner, policy: config.policy });

    const g = attentionRegions(new GraphBuilder());
    g.engineer({ id: 'eng_pol-p', name: 'Shared primary', kind: 'EMPLOYEE' });
    for (const c of ['pol-a', 'pol-b']) {
      healthyCustomer(g, c, { tier: 'VIP', primary: false });
      g.coverage({ id: `cov_${c}-p`, engineerId: 'eng_pol-p', customerId: `cus_${c}`, role: 'PRIMARY', from: LONG_AGO });
    }
    // Opened 30 min ago, owned, the supervisor informed, not yet answered.
    g.case({
      id: 'cas_pol',
      title: 'Outage',
      kind: 'FAULT',
      severity: 'CRITICAL',
      status: 'OPEN',
      openedAt: hoursAgo(0.5),
      customerId: 'cus_pol-a',
    });
    g.ownership({ caseId: 'cas_pol', engineerId: 'eng_pol-p', from: hoursAgo(0.5) });
    g.interaction({
      id: 'int_pol',
      at: hoursAgo(0.25),
      channel: 'CALL',
      customerId: 'cus_pol-a',
      caseId: 'cas_pol',
      contactIds: ['con_pol-a-sup'],
    });
    await g.write(byDefault.store);
  });
  afterAll(async () => {
    await fromFile.stop();
    await byDefault.stop();
  });

  it('changes an SLA cell and a threshold, and with them the flags', async () => {
    const at = { now: NOW };
    const flags = async (hh: Harness) => (await hh.data(CustomerFlagsDocument, { id: 'cus_pol-a' }, at)).customer!.flags;
    expect(await flags(byDefault)).toEqual([]);
    expect((await byDefault.data(CaseSlaDocument, { id: 'cas_pol' }, at)).case!.sla).toMatchObject({
      responseDueAt: '2025-11-01T00:30:00.000Z',
      responseBreached: false,
    });

    const strict = await flags(fromFile);
    expect(strict.map((f) => f.code)).toEqual(['SLA_BREACHED', 'ENGINEER_OVERLOADED']);
    expect(strict[0].evidence).toMatchObject({ caseIds: ['cas_pol'] });
    expect(strict[1].evidence).toMatchObject({ engineerIds: ['eng_pol-p'], customerCount: 2, maxCustomers: 1, maxRegions: 2 });
    expect((await fromFile.data(CaseSlaDocument, { id: 'cas_pol' }, at)).case!.sla).toMatchObject({
      responseDueAt: '2025-10-31T23:45:00.000Z',
      responseBreached: true,
      remaining: -0.25,
    });
  });
});

describe("the API guide's attention section (docs/api.md)", () => {
  const guide = readFileSync(path.join(REPO_ROOT, 'docs', 'api.md'), 'utf8');
  const section = guide.slice(guide.indexOf('## Attention list'));

  it('shows a sample policy file that loads and changes what it says', () => {
    const sample = /```json\n([\s\S]*?)```/.exec(section)![1];
    const policy = loadPolicy(JSON.parse(sample));
    expect(policy.sla.FAULT.CRITICAL.VIP).toMatchObject({ respondHours: 0.5, resolveHours: 12 });
    expect(policy.thresholds.overloadedPrimary).toEqual({ maxCustomers: 10, maxRegions: 1 });
  });
});
