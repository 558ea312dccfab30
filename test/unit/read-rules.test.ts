import { escalationPath, isCurrentAt, overlaps } from '../../src/domain/coverage';
import { labelOfId, newId } from '../../src/domain/ids';
import { maintenanceStatus } from '../../src/domain/maintenance';
import { pageOfList } from '../../src/domain/pagination';
import { parseIsoDateTime } from '../../src/schema/date-time.scalar';

describe('coverage periods', () => {
  const p = { from: '2025-01-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
  it('is current from `from` (inclusive) to `to` (exclusive)', () => {
    expect(isCurrentAt(p, '2024-12-31T23:59:59Z')).toBe(false);
    expect(isCurrentAt(p, '2025-01-01T00:00:00Z')).toBe(true);
    expect(isCurrentAt(p, '2025-03-31T23:59:59Z')).toBe(true);
    expect(isCurrentAt(p, '2025-04-01T00:00:00Z')).toBe(false);
    expect(isCurrentAt({ from: '2025-01-01T00:00:00Z', to: null }, '2099-01-01T00:00:00Z')).toBe(true);
  });
  it('detects overlapping periods, open-ended ones included', () => {
    expect(overlaps(p, { from: '2025-04-01T00:00:00Z' })).toBe(false);
    expect(overlaps(p, { from: '2025-03-01T00:00:00Z', to: '2025-05-01T00:00:00Z' })).toBe(true);
    expect(overlaps({ from: '2025-01-01T00:00:00Z' }, { from: '2030-01-01T00:00:00Z' })).toBe(true);
  });
});

describe('escalation path', () => {
  const eng = (id: string, status = 'ACTIVE') => ({ id, name: id, status, phone: `tel-${id}` });
  it('orders by role, numbers callable steps and explains skipped ones', () => {
    const steps = escalationPath([
      { role: 'ACCOUNT_MANAGER', engineer: eng('am') },
      { role: 'PRIMARY', engineer: eng('p', 'LEFT') },
      { role: 'BACKUP', engineer: eng('b') },
      { role: 'BACKUP', engineer: eng('b') },
    ]);
    expect(steps.map((s) => [s.order, s.role, s.engineerId, s.skippedBecause])).toEqual([
      [0, 'PRIMARY', 'p', 'has left, but the coverage was never ended'],
      [1, 'BACKUP', 'b', null],
      [2, 'ACCOUNT_MANAGER', 'am', null],
    ]);
  });
});

describe('maintenance status', () => {
  const now = new Date('2025-11-01T00:00:00Z');
  it.each([
    [null, 'UNKNOWN'],
    ['2025-10-31T23:59:59Z', 'EXPIRED'],
    ['2025-11-01T00:00:00Z', 'EXPIRED'],
    ['2025-12-01T00:00:00Z', 'EXPIRING'],
    ['2025-12-01T00:00:01Z', 'ACTIVE'],
  ])('%s -> %s', (until, expected) => {
    expect(maintenanceStatus(until, now)).toBe(expected);
  });
});

describe('ids, dates and pages', () => {
  it('ids carry their kind', () => {
    expect(labelOfId('cus_cm-urumqi')).toBe('Customer');
    expect(labelOfId('xyz_1')).toBeNull();
    expect(labelOfId('cus_')).toBeNull();
    expect(labelOfId(newId('cas'))).toBe('Case');
  });
  it('parses ISO-8601 and nothing else, reading a missing offset as UTC', () => {
    expect(parseIsoDateTime('2025-06-15T16:00:00+08:00')).toBe('2025-06-15T08:00:00.000Z');
    expect(parseIsoDateTime('2025-06-15T08:00')).toBe('2025-06-15T08:00:00.000Z');
    expect(parseIsoDateTime('2025-06-15')).toBe('2025-06-15T00:00:00.000Z');
    expect(parseIsoDateTime('15/06/2025')).toBeNull();
    expect(parseIsoDateTime('2025-13-45T00:00:00Z')).toBeNull();
  });
  it('pages a list with cursors', () => {
    const list = ['a', 'b', 'c'];
    const p1 = pageOfList(list, 2, null);
    expect(p1.edges.map((e) => e.node)).toEqual(['a', 'b']);
    const p2 = pageOfList(list, 2, p1.pageInfo.endCursor);
    expect(p2.edges.map((e) => e.node)).toEqual(['c']);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(() => pageOfList(list, 500, null)).toThrow(/first: must be between 0 and 200/);
  });
});
