import { clashes, describeClash, endProblem, planCoverage, type CoverageSpan } from '../../src/domain/coverage-rules';

const cov = (id: string, engineerId: string, role: string, from: string, to: string | null = null): CoverageSpan => ({
  id,
  engineerId,
  role,
  from,
  to,
});

describe('coverage write rules', () => {
  const current = cov('cov_a', 'eng_a', 'PRIMARY', '2024-01-01T00:00:00Z');

  it('one PRIMARY at a time, whoever it is; other roles clash only for the same engineer', () => {
    expect(clashes(current, { engineerId: 'eng_b', role: 'PRIMARY', from: '2025-01-01T00:00:00Z' })).toBe(true);
    expect(
      clashes(cov('cov_b', 'eng_b', 'BACKUP', '2024-01-01T00:00:00Z'), {
        engineerId: 'eng_c',
        role: 'BACKUP',
        from: '2025-01-01T00:00:00Z',
      }),
    ).toBe(false);
    expect(
      clashes(cov('cov_b', 'eng_b', 'BACKUP', '2024-01-01T00:00:00Z'), {
        engineerId: 'eng_b',
        role: 'BACKUP',
        from: '2025-01-01T00:00:00Z',
      }),
    ).toBe(true);
    expect(clashes(current, { engineerId: 'eng_a', role: 'BACKUP', from: '2025-01-01T00:00:00Z' })).toBe(false);
  });

  it('periods are half-open: back-to-back periods do not clash', () => {
    const ended = cov('cov_old', 'eng_a', 'PRIMARY', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
    expect(clashes(ended, { engineerId: 'eng_b', role: 'PRIMARY', from: '2024-01-01T00:00:00Z' })).toBe(false);
    expect(clashes(ended, { engineerId: 'eng_b', role: 'PRIMARY', from: '2022-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' })).toBe(false);
    expect(clashes(ended, { engineerId: 'eng_b', role: 'PRIMARY', from: '2022-01-01T00:00:00Z', to: '2023-01-01T00:00:01Z' })).toBe(true);
  });

  it('without replaceCurrent a clash is a conflict; with it, a coverage begun earlier is ended, a later one still conflicts', () => {
    const later = cov('cov_later', 'eng_c', 'PRIMARY', '2026-01-01T00:00:00Z');
    const next = { engineerId: 'eng_b', role: 'PRIMARY', from: '2025-06-01T00:00:00Z' };
    const ended = cov('cov_ended', 'eng_a', 'PRIMARY', '2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
    const existing = [ended, { ...current, to: '2026-01-01T00:00:00Z' }, later];
    expect(planCoverage(existing, next, false)).toEqual({ conflicts: [existing[1], later], toEnd: [] });
    expect(planCoverage(existing, next, true)).toEqual({ conflicts: [later], toEnd: [existing[1]] });
    expect(planCoverage([current], { ...next, from: current.from }, true)).toEqual({ conflicts: [current], toEnd: [] });
  });

  it('names the coverage in the way', () => {
    expect(describeClash(current, { engineerId: 'eng_b', role: 'PRIMARY', from: '2025-01-01T00:00:00Z' }, 'cus_x')).toBe(
      'Customer cus_x already has a PRIMARY in that period: coverage cov_a (eng_a, from 2024-01-01T00:00:00Z, still current). ' +
        "End it first, or pass replaceCurrent: true to end it at the new coverage's start.",
    );
    expect(
      describeClash(
        cov('cov_b', 'eng_b', 'BACKUP', '2024-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
        { engineerId: 'eng_b', role: 'BACKUP', from: '2025-01-01T00:00:00Z' },
        'cus_x',
      ),
    ).toBe(
      'eng_b already covers cus_x as BACKUP in an overlapping period: coverage cov_b (from 2024-01-01T00:00:00Z to 2026-01-01T00:00:00Z)',
    );
  });

  it('an end must come after the start and only once', () => {
    expect(endProblem(current, '2024-01-01T00:00:00Z')).toEqual({
      field: { field: 'at', reason: 'must be after the start (2024-01-01T00:00:00Z)' },
    });
    expect(endProblem(current, '2025-01-01T00:00:00Z')).toBeNull();
    const planned = { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
    expect(endProblem(planned, '2025-01-01T00:00:00Z')).toBeNull();
    expect(endProblem(planned, '2026-01-01T00:00:00Z')).toEqual({ ended: '2026-01-01T00:00:00Z' });
  });
});
