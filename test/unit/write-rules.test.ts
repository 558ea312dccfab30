import {
  beforeProblem,
  cycleProblem,
  defaultCaseOwner,
  engineerUnavailable,
  isLaterThan,
  periodProblem,
} from '../../src/domain/write-rules';
import { specProblem } from '../../src/schema/field-spec.validator';
import { NODE_KINDS } from '../../src/graph/kinds';

describe('shared write rules', () => {
  it('LEFT and ARCHIVED engineers take no new work; other statuses do', () => {
    expect(engineerUnavailable({ id: 'eng_x', status: 'LEFT' }, 'ownerId')).toEqual({
      field: 'ownerId',
      reason: 'engineer eng_x is LEFT and cannot be given new coverage, cases or commitments',
    });
    expect(engineerUnavailable({ id: 'eng_x', status: 'ARCHIVED' }, 'engineerId')?.field).toBe('engineerId');
    for (const status of ['ACTIVE', 'ON_LEAVE', 'TRANSFERRED', undefined])
      expect(engineerUnavailable({ id: 'eng_x', status }, 'f')).toBeNull();
  });

  it('a new case goes to the current ACTIVE PRIMARY, or the caller must name an owner', () => {
    expect(defaultCaseOwner('cus_x', [{ id: 'eng_a', status: 'ACTIVE' }])).toEqual({ engineerId: 'eng_a' });
    expect(defaultCaseOwner('cus_x', [])).toEqual({
      field: 'ownerId',
      reason: 'is required: customer cus_x has no current PRIMARY engineer to own the case',
    });
    expect(defaultCaseOwner('cus_x', [{ id: 'eng_a', status: 'ON_LEAVE' }])).toEqual({
      field: 'ownerId',
      reason: 'is required: the PRIMARY of customer cus_x, eng_a, is ON_LEAVE',
    });
  });

  it('detects loops through a self-link', () => {
    expect(cycleProblem('con_a', 'con_a', [], 'managerId')?.reason).toBe('con_a cannot point at itself');
    expect(cycleProblem('con_c', 'con_a', ['con_b', 'con_c', 'con_d'], 'managerId')?.reason).toBe(
      'would create a cycle: con_c → con_a → con_b → con_c',
    );
    expect(cycleProblem('con_x', 'con_a', ['con_b', 'con_c'], 'managerId')).toBeNull();
  });

  it('compares instants, not strings', () => {
    expect(periodProblem('2025-01-01T08:00:00+08:00', '2025-01-01T00:00:01Z')).toBeNull();
    expect(periodProblem('2025-01-01T00:00:00Z', '2025-01-01T08:00:00+08:00')?.field).toBe('to');
    expect(periodProblem('2025-01-01T00:00:00Z', null)).toBeNull();
    expect(isLaterThan('2025-01-02T00:00:00Z', null)).toBe(true);
    expect(isLaterThan('2025-01-01T09:00:00+08:00', '2025-01-01T02:00:00Z')).toBe(false);
    expect(beforeProblem('2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', 'at', 'opening')?.reason).toBe(
      'must not be before opening (2025-01-02T00:00:00Z)',
    );
  });

  it('input validation uses the record specs and never echoes the value', () => {
    const contacts = NODE_KINDS.find((k) => k.kind === 'contacts')!;
    const spec = (name: string) => contacts.fields.find((f) => f.name === name)!;
    expect(specProblem(spec('email'), 'me@"x"')).toBe('is not an e-mail address');
    expect(specProblem(spec('email'), 'wu.qiang@cm.example')).toBeNull();
    expect(specProblem(spec('phone'), '+86 (991) 555-0100')).toBeNull();
    expect(specProblem(spec('phone'), '12')).toBe('is not a phone number');
    expect(specProblem(spec('name'), ' ')).toBe('is required');
    expect(specProblem(spec('title'), 'x'.repeat(121))).toBe('is longer than 120 characters');
  });
});
