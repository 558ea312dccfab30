import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseKind, CaseSeverity, CustomerTier } from '../../src/domain/enums';
import { DEFAULT_POLICY, PolicyError, loadPolicy, policyFromEnv, policyFromFile, slaTarget } from '../../src/domain/sla-policy';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return (e as PolicyError).problems;
  }
  throw new Error('expected a PolicyError');
}

describe('default SLA policy', () => {
  it('follows the service standard for STANDARD customers', () => {
    const std = (k: CaseKind, s: CaseSeverity) => slaTarget(DEFAULT_POLICY, k, s, CustomerTier.STANDARD);
    expect(std(CaseKind.FAULT, CaseSeverity.CRITICAL)).toEqual({ respondHours: 2, resolveHours: 48, silenceHours: 4 });
    expect(std(CaseKind.SERVICE_REQUEST, CaseSeverity.MINOR)).toEqual({ respondHours: 2, resolveHours: 24, silenceHours: 24 });
    expect(std(CaseKind.COMPLAINT, CaseSeverity.MAJOR)).toEqual({ respondHours: 48, resolveHours: 72, silenceHours: 48 });
    expect(std(CaseKind.CHANGE, CaseSeverity.MINOR)).toEqual({ respondHours: 24, resolveHours: 168, silenceHours: 48 });
    expect(DEFAULT_POLICY.classifyMinutes).toBe(15);
  });

  it('tightens VIP by 0.5 and KEY by 0.75', () => {
    expect(DEFAULT_POLICY.tierFactor).toEqual({ VIP: 0.5, KEY: 0.75, STANDARD: 1 });
    expect(slaTarget(DEFAULT_POLICY, CaseKind.FAULT, CaseSeverity.CRITICAL, CustomerTier.VIP)).toEqual({
      respondHours: 1,
      resolveHours: 24,
      silenceHours: 2,
    });
    expect(slaTarget(DEFAULT_POLICY, CaseKind.FAULT, CaseSeverity.CRITICAL, CustomerTier.KEY)).toEqual({
      respondHours: 1.5,
      resolveHours: 36,
      silenceHours: 3,
    });
    expect(slaTarget(DEFAULT_POLICY, CaseKind.COMPLAINT, CaseSeverity.MINOR, CustomerTier.VIP)).toEqual({
      respondHours: 24,
      resolveHours: 36,
      silenceHours: 24,
    });
  });

  it('has the attention thresholds', () => {
    expect(DEFAULT_POLICY.thresholds).toEqual({
      noContactDays: { VIP: 14, KEY: 30, STANDARD: 60 },
      customerSilenceHours: 72,
      overloadedPrimary: { maxCustomers: 15, maxRegions: 2 },
      handoffPortfolioSize: 10,
      caseManyHands: 3,
      maintenanceExpiringDays: 30,
      lateResolvedLookbackDays: 30,
    });
  });

  it('fills every kind × severity × tier cell', () => {
    let cells = 0;
    for (const k of Object.values(CaseKind)) {
      for (const s of Object.values(CaseSeverity)) {
        for (const t of Object.values(CustomerTier)) {
          const c = slaTarget(DEFAULT_POLICY, k, s, t);
          expect(c.respondHours).toBeGreaterThan(0);
          expect(c.respondHours).toBeLessThanOrEqual(c.resolveHours);
          cells++;
        }
      }
    }
    expect(cells).toBe(36);
  });

  it('is frozen so no caller changes it for everyone', () => {
    expect(Object.isFrozen(DEFAULT_POLICY.sla.FAULT.CRITICAL.VIP)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.thresholds.noContactDays)).toBe(true);
  });
});

describe('loadPolicy: partial overrides', () => {
  it('returns the defaults for an empty object', () => {
    expect(loadPolicy({})).toEqual(DEFAULT_POLICY);
  });

  it('overrides one cell and leaves the rest', () => {
    const p = loadPolicy({ sla: { FAULT: { CRITICAL: { VIP: { respondHours: 0.5 } } } } });
    expect(p.sla.FAULT.CRITICAL.VIP).toEqual({ respondHours: 0.5, resolveHours: 24, silenceHours: 2 });
    expect(p.sla.FAULT.CRITICAL.KEY).toEqual(DEFAULT_POLICY.sla.FAULT.CRITICAL.KEY);
  });

  it('derives tier cells from base × tierFactor, explicit cells win', () => {
    const p = loadPolicy({
      tierFactor: { VIP: 0.25 },
      base: { FAULT: { MAJOR: { resolveHours: 96 } } },
      sla: { FAULT: { MAJOR: { KEY: { resolveHours: 50 } } } },
    });
    expect(p.sla.FAULT.MAJOR.STANDARD.resolveHours).toBe(96);
    expect(p.sla.FAULT.MAJOR.VIP.resolveHours).toBe(24);
    expect(p.sla.FAULT.MAJOR.KEY.resolveHours).toBe(50);
    expect(p.sla.FAULT.CRITICAL.VIP.respondHours).toBe(0.5);
  });

  it('overrides thresholds', () => {
    const p = loadPolicy({
      thresholds: { noContactDays: { VIP: 7 }, caseManyHands: 4, overloadedPrimary: { maxRegions: 3 } },
    });
    expect(p.thresholds.noContactDays).toEqual({ VIP: 7, KEY: 30, STANDARD: 60 });
    expect(p.thresholds.caseManyHands).toBe(4);
    expect(p.thresholds.overloadedPrimary).toEqual({ maxCustomers: 15, maxRegions: 3 });
  });
});

describe('loadPolicy: validation', () => {
  it('lists every bad path at once', () => {
    const problems = problemsOf(() =>
      loadPolicy({
        sla: { FAULT: { CRITICAL: { VIP: { respondHours: -1, resolveHours: 'soon' } } } },
        tierFactor: { KEY: 0 },
        thresholds: { caseManyHands: 1, overloadedPrimary: { maxCustomers: 2.5 }, customerSilenceHours: null },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'sla.FAULT.CRITICAL.VIP.respondHours must be a positive number',
        'sla.FAULT.CRITICAL.VIP.resolveHours must be a positive number',
        'tierFactor.KEY must be a positive number',
        'thresholds.caseManyHands must be an integer of at least 2',
        'thresholds.overloadedPrimary.maxCustomers must be a positive integer',
        'thresholds.customerSilenceHours must be a positive number',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('rejects unknown kinds, severities, tiers, fields and settings', () => {
    const problems = problemsOf(() =>
      loadPolicy({
        sla: { INCIDENT: {}, FAULT: { BLOCKER: {}, MAJOR: { GOLD: {}, VIP: { respondMinutes: 5 } } } },
        treshold: {},
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^treshold is not a known setting/);
    expect(problems.join('\n')).toContain(
      'sla.INCIDENT is not a known setting (expected one of FAULT, COMPLAINT, SERVICE_REQUEST, CHANGE)',
    );
    expect(problems.join('\n')).toContain('sla.FAULT.BLOCKER is not a known setting');
    expect(problems.join('\n')).toContain('sla.FAULT.MAJOR.GOLD is not a known setting');
    expect(problems.join('\n')).toContain('sla.FAULT.MAJOR.VIP.respondMinutes is not a known setting');
  });

  it('rejects non-objects where objects belong', () => {
    expect(problemsOf(() => loadPolicy({ sla: { FAULT: 5 }, thresholds: [] }))).toEqual([
      'sla.FAULT must be an object',
      'thresholds must be an object',
    ]);
    expect(problemsOf(() => loadPolicy('x'))).toEqual(['the policy must be a JSON object']);
    expect(problemsOf(() => loadPolicy(null))).toEqual(['the policy must be a JSON object']);
  });

  it('rejects a respond time longer than the resolve time, including one made by an override', () => {
    const problems = problemsOf(() => loadPolicy({ sla: { COMPLAINT: { MAJOR: { STANDARD: { respondHours: 80 } } } } }));
    expect(problems).toEqual(['sla.COMPLAINT.MAJOR.STANDARD.respondHours (80) must not exceed resolveHours (72)']);
  });

  it('puts the problems and the origin in the message', () => {
    try {
      loadPolicy({ classifyMinutes: 0 }, 'policy.json');
      throw new Error('expected a PolicyError');
    } catch (e) {
      expect((e as Error).message).toBe('Invalid SLA policy in policy.json:\n  - classifyMinutes must be a positive number');
    }
  });
});

describe('policy from a file and from the environment', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-policy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a JSON file of overrides', () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ thresholds: { customerSilenceHours: 24 } }));
    expect(policyFromFile(file).thresholds.customerSilenceHours).toBe(24);
  });

  it('reports invalid JSON and bad values with the file name', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ "sla": ');
    expect(() => policyFromFile(bad)).toThrow(/Invalid SLA policy in .*bad\.json:\n {2}- not valid JSON/);
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ base: { FAULT: { CRITICAL: { respondHours: 0 } } } }));
    expect(problemsOf(() => policyFromFile(wrong))).toEqual(['base.FAULT.CRITICAL.respondHours must be a positive number']);
  });

  it('reports a missing file', () => {
    expect(problemsOf(() => policyFromFile(path.join(dir, 'nope.json')))[0]).toMatch(/^cannot read the file: ENOENT/);
  });

  it('uses RAPPORT_POLICY_FILE, and the defaults when it is absent or blank', () => {
    const file = path.join(dir, 'env.json');
    writeFileSync(file, JSON.stringify({ tierFactor: { VIP: 0.25 } }));
    expect(policyFromEnv({ RAPPORT_POLICY_FILE: file }).sla.FAULT.CRITICAL.VIP.resolveHours).toBe(12);
    expect(policyFromEnv({})).toBe(DEFAULT_POLICY);
    expect(policyFromEnv({ RAPPORT_POLICY_FILE: '  ' })).toBe(DEFAULT_POLICY);
  });
});
