import type { GraphQLResolveInfo } from 'graphql';
import {
  assertMayReadAccessLog,
  personalDataAccess,
  PersonalDataAccess,
  showRecordField,
  type PersonalSubject,
} from '../../src/auth/personal-data';
import type { Context } from '../../src/context';
import { LOCAL_DEV, Role, type Principal } from '../../src/auth/roles';
import { AppError, ErrorCode } from '../../src/errors';

const who = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({
  actor: 'user:u',
  kind: 'user',
  roles,
  regions: null,
  ...extra,
});
const phoneOf = (entityId: string, operation = 'Op'): PersonalSubject => ({ entityLabel: 'Contact', entityId, field: 'phone', operation });

describe('PersonalDataAccess', () => {
  it('masks for a VIEWER and records nothing', () => {
    const gate = new PersonalDataAccess(who([Role.VIEWER]), 'r1');
    expect(gate.show(phoneOf('con_a'), '13800005678')).toBe('138****5678');
    expect(gate.show({ ...phoneOf('con_a'), field: 'email' }, 'wu@cm.example')).toBe('w***@cm.example');
    expect(gate.drain()).toEqual([]);
  });

  it('masks for a caller with no role at all', () => {
    expect(new PersonalDataAccess(who([]), 'r1').show(phoneOf('con_a'), '13800005678')).toBe('138****5678');
  });

  it.each([Role.ACCOUNT_MANAGER, Role.SERVICE_MANAGER, Role.ADMIN])('shows %s the value and records who, what and where', (role) => {
    const gate = new PersonalDataAccess(who([Role.VIEWER, role], { actor: 'key:k1', kind: 'api-key', keyId: 'k1' }), 'r1');
    expect(gate.show(phoneOf('con_a'), '13800005678')).toBe('13800005678');
    const [read] = gate.drain();
    expect(read).toMatchObject({
      actor: 'key:k1',
      keyId: 'k1',
      requestId: 'r1',
      entityLabel: 'Contact',
      entityId: 'con_a',
      field: 'phone',
      operation: 'Op',
    });
    expect(Number.isNaN(Date.parse(read.at))).toBe(false);
  });

  it('records each entity and field once per request, even after a drain', () => {
    const gate = new PersonalDataAccess(LOCAL_DEV, 'r1');
    gate.show(phoneOf('con_a'), '1');
    gate.show(phoneOf('con_a'), '1');
    gate.show({ ...phoneOf('con_a'), field: 'email' }, 'a@b.c');
    gate.show(phoneOf('con_b'), '2');
    expect(gate.pendingCount).toBe(3);
    expect(gate.drain().map((r) => `${r.entityId} ${r.field}`)).toEqual(['con_a phone', 'con_a email', 'con_b phone']);
    gate.show(phoneOf('con_a'), '1');
    expect(gate.drain()).toEqual([]);
  });

  it('does not record an absent value', () => {
    const gate = new PersonalDataAccess(LOCAL_DEV, 'r1');
    expect(gate.show(phoneOf('con_a'), null)).toBeNull();
    expect(gate.show(phoneOf('con_a'), undefined)).toBeNull();
    expect(gate.show(phoneOf('con_a'), '')).toBe('');
    expect(gate.drain()).toEqual([]);
  });
});

describe('assertMayReadAccessLog', () => {
  it('lets ADMIN through and refuses every other role with FORBIDDEN', () => {
    expect(() => assertMayReadAccessLog(LOCAL_DEV)).not.toThrow();
    for (const role of [Role.VIEWER, Role.ACCOUNT_MANAGER, Role.SERVICE_MANAGER]) {
      let error: unknown;
      try {
        assertMayReadAccessLog(who([role]));
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.FORBIDDEN);
    }
  });
});

describe('showRecordField (raw record values, e.g. the change history)', () => {
  const info = { operation: { operation: 'query', name: { value: 'History' } } } as unknown as GraphQLResolveInfo;
  const ctxOf = (principal: Principal) => ({ principal, requestId: 'r9' }) as unknown as Context;

  it('masks personal fields of contacts and engineers for a VIEWER, and leaves other fields alone', () => {
    const ctx = ctxOf(who([Role.VIEWER]));
    expect(showRecordField(ctx, info, 'Contact', 'con_a', 'phone', '13800005678')).toBe('138****5678');
    expect(showRecordField(ctx, info, 'Engineer', 'eng_a', 'email', 'li.na@x.example')).toBe('l***@x.example');
    expect(showRecordField(ctx, info, 'Contact', 'con_a', 'name', 'Wu Qiang')).toBe('Wu Qiang');
    expect(showRecordField(ctx, info, 'Customer', 'cus_a', 'phone', '13800005678')).toBe('13800005678');
    expect(showRecordField(ctx, info, 'Contact', 'con_a', 'phone', null)).toBeNull();
  });

  it("shows them in clear to a manager and records the read in the request's gate", () => {
    const ctx = ctxOf(who([Role.SERVICE_MANAGER]));
    expect(showRecordField(ctx, info, 'Contact', 'con_a', 'phone', '13800005678')).toBe('13800005678');
    expect(personalDataAccess(ctx).drain()).toMatchObject([{ entityId: 'con_a', field: 'phone', operation: 'History', requestId: 'r9' }]);
  });
});
