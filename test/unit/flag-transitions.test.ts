import fc from 'fast-check';
import {
  CaseKind,
  CaseSeverity,
  CaseStatus,
  CommitmentStatus,
  ContactRole,
  CoverageRole,
  CustomerTier,
  EngineerKind,
  EngineerStatus,
  HandoffItemKind,
  InteractionChannel,
} from '../../src/domain/enums';
import { flagChanges, flagTransitions, NEVER, nextFlagTransition, nextTick } from '../../src/domain/flag-transitions';
import { evaluateFlags, FlagCode, type CustomerSnapshot } from '../../src/domain/flags';
import { DEFAULT_POLICY } from '../../src/domain/sla-policy';

const NOW = new Date('2025-06-20T12:00:00.000Z');
const HOUR = 3_600_000;
const P = DEFAULT_POLICY;
const iso = (t: number) => new Date(t).toISOString();

/** A customer whose flags depend on nothing but writes: no cases, no promises, no devices, a contact talked to "now". */
function timeless(): CustomerSnapshot {
  return {
    customer: { id: 'cus_t', tier: CustomerTier.STANDARD },
    coverage: [
      { role: CoverageRole.PRIMARY, engineer: { id: 'eng_p', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE } },
      { role: CoverageRole.BACKUP, engineer: { id: 'eng_b', status: EngineerStatus.ACTIVE, kind: EngineerKind.EMPLOYEE } },
    ],
    primaryLoad: [{ engineerId: 'eng_p', customers: 3, regions: 1 }],
    contacts: [],
    interactions: [],
    cases: [],
    devices: [],
    openHandoffItems: [],
    commitments: [],
  };
}

describe('nextTick: the hourly grid of an instant, with the millisecond after and the rounding point', () => {
  it('is the first grid point after now', () => {
    const base = NOW.getTime() - 30 * 60_000; // 11:30
    expect(iso(nextTick(base, NOW.getTime()))).toBe('2025-06-20T12:29:41.999Z'); // 18 s before 12:30, and the millisecond before that
    expect(nextTick(base, base)).toBe(base + 1);
    expect(nextTick(base, base + 1)).toBe(base + HOUR - 18_001);
  });
});

describe('nextFlagTransition', () => {
  it('is NEVER when no rule depends on time', () => {
    const s = timeless();
    // A customer without a contact is flagged NO_CONTACT_IN_DAYS, but with no day count: that does not tick.
    expect(nextFlagTransition(s, evaluateFlags(s, P, NOW), P, NOW)).toBe(NEVER);
  });

  it('is the response due time (and the millisecond after it) of an open case not yet answered', () => {
    const s = timeless();
    s.cases.push({
      id: 'cas_1',
      kind: CaseKind.FAULT,
      severity: CaseSeverity.MAJOR,
      status: CaseStatus.OPEN,
      openedAt: '2025-06-20T11:59:00.000Z',
      owner: 'eng_p',
      workers: ['eng_p'],
      interactions: [],
    });
    const flags = evaluateFlags(s, P, NOW);
    const next = nextFlagTransition(s, flags, P, NOW);
    const respondBy = new Date('2025-06-20T11:59:00.000Z').getTime() + P.sla.FAULT.MAJOR.STANDARD.respondHours * HOUR;
    expect(new Date(next).getTime()).toBeLessThanOrEqual(respondBy);
    expect(next > NOW.toISOString()).toBe(true);
  });

  it('takes the future instants the snapshot cannot show', () => {
    const s = timeless();
    expect(nextFlagTransition(s, [], P, NOW, ['2025-06-21T00:00:00.000Z', '2025-06-30T00:00:00.000Z'])).toBe('2025-06-21T00:00:00.000Z');
  });

  const minutes = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((m) => iso(NOW.getTime() + m * 60_000 + (m % 7) * 1000));
  const snapshot = fc
    .record({
      tier: fc.constantFrom(CustomerTier.VIP, CustomerTier.KEY, CustomerTier.STANDARD),
      cases: fc.array(
        fc.record({
          severity: fc.constantFrom(CaseSeverity.CRITICAL, CaseSeverity.MAJOR, CaseSeverity.MINOR),
          status: fc.constantFrom(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED),
          openedAt: minutes(-60 * 24 * 40, -1),
          responded: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
          resolved: fc.integer({ min: 1, max: 60 * 24 * 40 }),
          update: fc.option(fc.integer({ min: 0, max: 60 * 24 * 10 }), { nil: null }),
          owner: fc.boolean(),
          hands: fc.integer({ min: 0, max: 4 }),
          talk: fc.option(minutes(-60 * 24 * 5, 60 * 24 * 2), { nil: null }),
        }),
        { maxLength: 4 },
      ),
      lastTalk: fc.option(minutes(-60 * 24 * 80, 60 * 24 * 3), { nil: null }),
      devices: fc.array(minutes(-60 * 24 * 10, 60 * 24 * 40), { maxLength: 3 }),
      items: fc.array(minutes(-60 * 24 * 10, -1), { maxLength: 2 }),
      commitments: fc.array(minutes(-60 * 24 * 5, 60 * 24 * 5), { maxLength: 3 }),
      periods: fc.array(fc.tuple(minutes(-60 * 24 * 10, 60 * 24 * 3), fc.option(fc.integer({ min: 1, max: 60 * 24 * 5 }), { nil: null })), {
        maxLength: 3,
      }),
    })
    .map((g): CustomerSnapshot => {
      const s = timeless();
      s.customer.tier = g.tier;
      s.contacts = [{ id: 'con_sup', role: ContactRole.SUPERVISOR }];
      if (g.lastTalk) s.interactions.push({ id: 'int_last', at: g.lastTalk, contactIds: ['con_sup'], channel: InteractionChannel.CALL });
      s.cases = g.cases.map((c, i) => {
        const opened = new Date(c.openedAt).getTime();
        const open = c.status !== CaseStatus.RESOLVED;
        return {
          id: `cas_${i}`,
          kind: CaseKind.FAULT,
          severity: c.severity,
          status: c.status,
          openedAt: c.openedAt,
          respondedAt: c.responded == null ? null : iso(opened + c.responded * 60_000),
          resolvedAt: open ? null : iso(opened + c.resolved * 60_000),
          lastCustomerUpdateAt: c.update == null ? null : iso(opened + c.update * 60_000),
          owner: c.owner ? 'eng_p' : null,
          workers: ['eng_p', 'eng_x', 'eng_y', 'eng_z'].slice(0, c.hands),
          interactions: c.talk ? [{ id: `int_c${i}`, at: c.talk, contactRoles: [ContactRole.SUPERVISOR] }] : [],
        };
      });
      s.devices = g.devices.map((d, i) => ({ id: `dev_${i}`, maintenanceUntil: d }));
      s.openHandoffItems = g.items.map((at, i) => ({ id: `hi_${i}`, kind: HandoffItemKind.VISIT_CUSTOMER, createdAt: at }));
      s.commitments = g.commitments.map((dueAt, i) => ({ id: `com_${i}`, dueAt, status: CommitmentStatus.OPEN }));
      const periods = g.periods.map(([from, len]) => ({
        engineerId: 'eng_p',
        from,
        to: len == null ? null : iso(new Date(from).getTime() + len * 60_000),
      }));
      s.heldWork = {
        cases: s.cases.filter((c) => c.owner).map((c) => ({ id: c.id, engineerId: 'eng_p', status: EngineerStatus.ACTIVE })),
        commitments: [],
        coveragePeriods: periods,
      };
      return s;
    });

  it('no flag, message or evidence changes before the instant it returns (random snapshots, sampled instants)', () => {
    fc.assert(
      fc.property(snapshot, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (s, samples) => {
        const flags = evaluateFlags(s, P, NOW);
        const next = new Date(nextFlagTransition(s, flags, P, NOW)).getTime();
        expect(next).toBeGreaterThan(NOW.getTime());
        const horizon = Math.min(next, NOW.getTime() + 400 * 24 * HOUR);
        const instants = [NOW.getTime() + 1, horizon - 1, ...samples.map((x) => NOW.getTime() + Math.floor(x * (horizon - NOW.getTime())))];
        for (const t of instants) {
          if (t < NOW.getTime() || t >= next) continue;
          expect(evaluateFlags(s, P, new Date(t))).toEqual(flags);
        }
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('no flag is raised or cleared before `codes`, and `text` is never later (random snapshots, sampled instants)', () => {
    let ticksOnly = 0;
    fc.assert(
      fc.property(snapshot, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (s, samples) => {
        const flags = evaluateFlags(s, P, NOW);
        const t = flagTransitions(s, flags, P, NOW);
        const codes = new Date(t.codes).getTime();
        expect(t.text <= t.codes).toBe(true);
        expect(t.text).toBe(nextFlagTransition(s, flags, P, NOW));
        if (t.text < t.codes) ticksOnly++;
        const horizon = Math.min(codes, NOW.getTime() + 400 * 24 * HOUR);
        const instants = [NOW.getTime() + 1, horizon - 1, ...samples.map((x) => NOW.getTime() + Math.floor(x * (horizon - NOW.getTime())))];
        for (const at of instants) {
          if (at < NOW.getTime() || at >= codes) continue;
          expect(evaluateFlags(s, P, new Date(at)).map((f) => f.code)).toEqual(flags.map((f) => f.code));
        }
      }),
      { seed: 20261202, numRuns: 400 },
    );
    // The split matters: for many customers only the counted hours or days change before the codes do.
    expect(ticksOnly).toBeGreaterThan(0);
  });
});

describe('flagChanges', () => {
  it('names the codes raised (new flag) and cleared (old flag)', () => {
    const f = (code: FlagCode, message: string = code) => ({ code, message, evidence: {} });
    const { raised, cleared } = flagChanges(
      [f(FlagCode.NO_BACKUP), f(FlagCode.SLA_BREACHED, 'old')],
      [f(FlagCode.SLA_BREACHED, 'new'), f(FlagCode.WORK_STRANDED)],
    );
    expect(raised.map((x) => x.code)).toEqual([FlagCode.WORK_STRANDED]);
    expect(cleared.map((x) => x.code)).toEqual([FlagCode.NO_BACKUP]);
  });
});
