import type { GraphQLResolveInfo } from 'graphql';
import { createMethodMiddlewareDecorator } from 'type-graphql';
import type { Context } from '../context';
import { AppError, ErrorCode } from '../errors';
import { maskEmail, maskPhone } from './masking';
import { isAdmin, seesPersonalData, type Principal } from './roles';

/**
 * Personal data (issue #7, item 3): contact and engineer phone numbers and e-mail addresses. Callers
 * whose role allows it (seesPersonalData) read them in clear, and every such read is recorded for the
 * access log; everyone else gets the masked form and nothing is recorded.
 */
export type PersonalField = 'phone' | 'email';
export type PersonLabel = 'Contact' | 'Engineer';

const MASKS: Record<PersonalField, (value: string) => string | null> = { phone: maskPhone, email: maskEmail };

/** What was read: one field of one person, by which operation (GraphQL operation or HTTP route). */
export interface PersonalSubject {
  entityLabel: PersonLabel;
  entityId: string;
  field: PersonalField;
  operation: string;
}

/** One unmasked read, as the access log stores it (the repository adds id and order). */
export interface AccessRead extends PersonalSubject {
  at: string;
  actor: string;
  keyId: string | null;
  requestId: string;
}

/**
 * The personal-data gate of one request: masks or reveals each value, and collects the unmasked
 * reads (each entity + field once) so they can be written in one statement when the request ends.
 */
export class PersonalDataAccess {
  private readonly seen = new Set<string>();
  private pending: AccessRead[] = [];
  /**
   * The instant of the first read since the last drain, given to every read until the next drain:
   * the access log keeps one entry per request (entriesOf), stamped with its first read's instant,
   * so later reads' own instants were never stored; reading the clock for each cost microseconds.
   */
  private at: string | undefined;

  constructor(
    readonly principal: Principal,
    readonly requestId: string,
  ) {}

  /** The value as this caller may see it; an unmasked read of a present value is recorded. */
  show(subject: PersonalSubject, value: string | null | undefined): string | null {
    if (value == null || value === '') return value ?? null;
    if (!seesPersonalData(this.principal)) return MASKS[subject.field](value);
    const key = `${subject.entityId}|${subject.field}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      // Property by property: on Node 20, properties added after a spread (`{ ...subject, at }`)
      // cost microseconds each, and a card shows dozens of personal fields.
      this.pending.push({
        entityLabel: subject.entityLabel,
        entityId: subject.entityId,
        field: subject.field,
        operation: subject.operation,
        at: (this.at ??= new Date().toISOString()),
        actor: this.principal.actor,
        keyId: this.principal.keyId ?? null,
        requestId: this.requestId,
      });
    }
    return value;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Takes the reads recorded since the last drain (a read already taken is not recorded again). */
  drain(): AccessRead[] {
    const out = this.pending;
    this.pending = [];
    this.at = undefined;
    return out;
  }
}

// One gate per GraphQL request, kept beside the context object rather than in it: it lives exactly
// as long as the request's context and needs no change to how contexts are built.
const gates = new WeakMap<Context, PersonalDataAccess>();

export function personalDataAccess(ctx: Context): PersonalDataAccess {
  let gate = gates.get(ctx);
  if (!gate) gates.set(ctx, (gate = new PersonalDataAccess(ctx.principal, ctx.requestId)));
  return gate;
}

/** The gate of a request if any personal-data field was resolved in it. */
export const existingPersonalDataAccess = (ctx: Context): PersonalDataAccess | undefined => gates.get(ctx);

/** The operation named in the access log: the GraphQL operation name, or its type when anonymous. */
export const graphqlOperationName = (info: GraphQLResolveInfo): string =>
  info.operation.name?.value ?? `anonymous ${info.operation.operation}`;

/**
 * Marks a field resolver as personal data: its value goes through the request's gate (masked for
 * callers who may not see it, recorded in the access log otherwise). `idOf` finds the person's id
 * on the parent object (default: its `id`).
 */
export function PersonalData(
  entityLabel: PersonLabel,
  field: PersonalField,
  idOf: (root: Record<string, unknown>) => string = (root) => root.id as string,
): MethodDecorator {
  return createMethodMiddlewareDecorator<Context>(async ({ root, context, info }, next) => {
    const value = (await next()) as string | null | undefined;
    const subject = { entityLabel, entityId: idOf(root as Record<string, unknown>), field, operation: graphqlOperationName(info) };
    return personalDataAccess(context).show(subject, value);
  });
}

/** Whether a field of a stored record is personal data (for values shown outside the typed fields). */
export const isPersonalField = (entityLabel: string, field: string): boolean =>
  (entityLabel === 'Contact' || entityLabel === 'Engineer') && (field === 'phone' || field === 'email');

/**
 * A stored field's value as this caller may see it, for places that show raw record fields rather
 * than the typed ones (the change history's before/after values): personal fields go through the
 * gate, anything else is returned as it is.
 */
export function showRecordField(
  ctx: Context,
  info: GraphQLResolveInfo,
  entityLabel: string,
  entityId: string,
  field: string,
  value: unknown,
): unknown {
  if (!isPersonalField(entityLabel, field)) return value;
  const subject = {
    entityLabel: entityLabel as PersonLabel,
    entityId,
    field: field as PersonalField,
    operation: graphqlOperationName(info),
  };
  return personalDataAccess(ctx).show(subject, value == null ? null : String(value));
}

/** Who may read the access log: ADMIN only. */
export function assertMayReadAccessLog(principal: Principal): void {
  if (!isAdmin(principal)) throw new AppError(ErrorCode.FORBIDDEN, 'The access log is readable by ADMIN only');
}
