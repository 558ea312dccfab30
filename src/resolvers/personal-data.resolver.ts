import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { assertMayReadAccessLog, PersonalData } from '../auth/personal-data';
import type { EscalationStepRecord } from '../domain/coverage';
import { pageArgs } from '../domain/pagination';
import type { ContactRecord, EngineerRecord } from '../graph/records';
import { accessCursor, listAccessLog } from '../graph/repositories/access-log.repo';
import { AccessLogConnection } from '../schema/access-log.type';
import { Contact } from '../schema/contact.type';
import { EscalationStep } from '../schema/coverage.type';
import { Engineer } from '../schema/engineer.type';
import { optionalId } from './args';
import { ForwardPageArgs } from './query.resolver';

/**
 * Every GraphQL field that holds personal data, in one place: each goes through @PersonalData
 * (masked unless the caller's role allows it; unmasked reads go to the access log). The fields are
 * declared (type, description) on the object types; these resolvers only add the gate.
 */

@Resolver(() => Contact)
export class ContactPersonalDataResolver {
  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Contact', 'phone')
  phone(@Root() c: ContactRecord) {
    return c.phone ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Contact', 'email')
  email(@Root() c: ContactRecord) {
    return c.email ?? null;
  }
}

@Resolver(() => Engineer)
export class EngineerPersonalDataResolver {
  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Engineer', 'phone')
  phone(@Root() e: EngineerRecord) {
    return e.phone ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Engineer', 'email')
  email(@Root() e: EngineerRecord) {
    return e.email ?? null;
  }
}

const engineerOfStep = (step: Record<string, unknown>) => step.engineerId as string;

/** An escalation step repeats its engineer's phone and e-mail: the same rule, on the engineer. */
@Resolver(() => EscalationStep)
export class EscalationStepPersonalDataResolver {
  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Engineer', 'phone', engineerOfStep)
  phone(@Root() s: EscalationStepRecord) {
    return s.phone ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  @PersonalData('Engineer', 'email', engineerOfStep)
  email(@Root() s: EscalationStepRecord) {
    return s.email ?? null;
  }
}

@ArgsType()
class AccessLogArgs extends ForwardPageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this contact or engineer.' })
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only reads by this caller (e.g. key:k1, user:alice).' })
  actor?: string | null;
}

@Resolver()
export class AccessLogResolver {
  @Query(() => AccessLogConnection, { description: 'Unmasked reads of personal data, newest first (ADMIN only).' })
  accessLog(@Args(() => AccessLogArgs) { entityId, actor, first, after }: AccessLogArgs, @Ctx() ctx: Context) {
    assertMayReadAccessLog(ctx.principal);
    const page = pageArgs(first, after, accessCursor);
    return listAccessLog(ctx.store, { entityId: optionalId(entityId, 'entityId'), actor: actor || null }, page);
  }
}
