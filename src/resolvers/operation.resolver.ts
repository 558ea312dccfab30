import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { badInput } from '../errors';
import type { RankedExpert } from '../domain/experts';
import { riskOf } from '../domain/operations';
import { pageOfList } from '../domain/pagination';
import type { CaseRecord, CustomerRecord, DeviceRecord, Props } from '../graph/records';
import { byRecency } from '../graph/repositories/operation.repo';
import {
  authoriseOperation,
  completeOperation,
  informContacts,
  planOperation,
  recordCompatibilityCheck,
  rollBackOperation,
  startOperation,
} from '../graph/repositories/operation-write.repo';
import { Case } from '../schema/case.type';
import { Contact } from '../schema/contact.type';
import { Customer } from '../schema/customer.type';
import { Device } from '../schema/device.type';
import { Engineer } from '../schema/engineer.type';
import { Node } from '../schema/node.interface';
import { OperationRisk } from '../schema/enums';
import { Connection } from '../schema/page-info.type';
import { Expert, ExpertEvidence, Operation, OperationAuthorisation } from '../schema/operation.type';
import {
  AuthoriseOperationArgs,
  CompleteOperationArgs,
  ExpertsArgs,
  InformOperationContactsArgs,
  OperationStepArgs,
  PlanOperationInput,
  RecordCompatibilityCheckArgs,
  RollBackOperationArgs,
} from '../schema/operation.input';
import { write } from './write-context';

export const ExpertConnection = Connection(Expert, 'Expert');

/** Change control on devices: plan, authorise, check, start, complete, roll back (issue 14). */
@Resolver()
export class OperationMutationResolver {
  @Mutation(() => Operation, { description: 'Plans an operation on a device (status PLANNED); risk defaults by kind.' })
  planOperation(@Arg('input', () => PlanOperationInput) input: PlanOperationInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => planOperation(ctx.store, input, m));
  }

  @Mutation(() => Operation, { description: 'Records an authorisation: a contact authorises for the customer, an engineer for us.' })
  authoriseOperation(@Args(() => AuthoriseOperationArgs) args: AuthoriseOperationArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => authoriseOperation(ctx.store, args, m));
  }

  @Mutation(() => Operation, {
    description: 'Records who checked that fromVersion → toVersion is compatible (required before an UPGRADE starts).',
  })
  recordCompatibilityCheck(@Args(() => RecordCompatibilityCheckArgs) args: RecordCompatibilityCheckArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => recordCompatibilityCheck(ctx.store, args, m));
  }

  @Mutation(() => Operation, { description: 'Adds customer contacts the operation informs (on-duty staff and their supervisor).' })
  informOperationContacts(@Args(() => InformOperationContactsArgs) args: InformOperationContactsArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => informContacts(ctx.store, args, m));
  }

  @Mutation(() => Operation, {
    description:
      'PLANNED → IN_PROGRESS. A HIGH-risk operation needs both authorisations, an UPGRADE its compatibility check (CONFLICT naming what is missing).',
  })
  startOperation(@Args(() => OperationStepArgs) args: OperationStepArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => startOperation(ctx.store, args, m));
  }

  @Mutation(() => Operation, {
    description: 'IN_PROGRESS → DONE with an outcome; a successful UPGRADE or PATCH moves the device to toVersion.',
  })
  completeOperation(@Args(() => CompleteOperationArgs) args: CompleteOperationArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => completeOperation(ctx.store, args, m));
  }

  @Mutation(() => Operation, { description: 'IN_PROGRESS or DONE → ROLLED_BACK, with the reason; the device goes back to fromVersion.' })
  rollBackOperation(@Args(() => RollBackOperationArgs) args: RollBackOperationArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => rollBackOperation(ctx.store, args, m));
  }
}

async function expertPage(
  ctx: Context,
  list: RankedExpert[],
  page: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
) {
  const visible = ctx.scope.limited
    ? await ctx.scope.filter(
        'Engineer',
        list.map((e) => ({ ...e, id: e.engineerId })),
      )
    : list;
  return pageOfList(visible, page.first, page.after, page.last, page.before);
}

@Resolver()
export class ExpertsQueryResolver {
  @Query(() => ExpertConnection, {
    description:
      'Who has fixed this model (or product line) before, and can they come: own and partner engineers ranked by cases they resolved on such devices ' +
      '(recent ones weigh more, reopened ones count against), then declared skills, availability, load and distance from the region.',
  })
  async experts(@Args(() => ExpertsArgs) args: ExpertsArgs, @Ctx() ctx: Context) {
    const model = args.model?.trim() || null;
    const productLine = args.productLine?.trim() || null;
    if (!model && !productLine) throw badInput([{ field: 'model', reason: 'give a model or a productLine' }]);
    const list = await ctx.loaders.experts.load({ model, productLine, regionId: args.regionId ?? null });
    return expertPage(ctx, list, args);
  }
}

@Resolver(() => Expert)
export class ExpertResolver {
  @FieldResolver(() => Engineer)
  engineer(@Root() e: RankedExpert, @Ctx() ctx: Context) {
    return ctx.loaders.engineer.load(e.engineerId);
  }
}

/** The cases behind a rank may be anywhere: a region-limited caller sees the ids of his regions' cases only. */
@Resolver(() => ExpertEvidence)
export class ExpertEvidenceResolver {
  @FieldResolver(() => [String])
  async caseIds(@Root() ev: ExpertEvidence, @Ctx() ctx: Context): Promise<string[]> {
    const records = await ctx.scope.filter(
      'Case',
      ev.caseIds.map((id) => ({ id })),
    );
    return records.map((r) => r.id);
  }
}

@Resolver(() => Operation)
export class OperationResolver {
  @FieldResolver(() => OperationRisk)
  risk(@Root() o: Props) {
    return riskOf(o as { kind: string; risk?: string | null });
  }

  @FieldResolver(() => Device, { nullable: true })
  device(@Root() o: Props, @Ctx() ctx: Context) {
    return ctx.loaders.deviceOfOperation.load(o.id as string);
  }

  @FieldResolver(() => Engineer, { nullable: true })
  performedBy(@Root() o: Props, @Ctx() ctx: Context) {
    return ctx.loaders.performerOfOperation.load(o.id as string);
  }

  @FieldResolver(() => Case, { nullable: true, description: 'The case the operation belongs to.' })
  case(@Root() o: Props, @Ctx() ctx: Context) {
    return ctx.loaders.caseOfOperation.load(o.id as string);
  }

  @FieldResolver(() => [Contact], { description: 'Customer contacts informed of the operation.' })
  informed(@Root() o: Props, @Ctx() ctx: Context) {
    return ctx.loaders.informedOfOperation.load(o.id as string);
  }

  @FieldResolver(() => [OperationAuthorisation], { description: 'Who authorised it, CUSTOMER side then OURS.' })
  authorisations(@Root() o: Props, @Ctx() ctx: Context) {
    return ctx.loaders.authorisationsOfOperation.load(o.id as string);
  }
}

@Resolver(() => OperationAuthorisation)
export class OperationAuthorisationResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'The Contact (CUSTOMER side) or Engineer (OURS) who authorised.' })
  by(@Root() a: OperationAuthorisation, @Ctx() ctx: Context) {
    return a.byId.startsWith('con_') ? ctx.loaders.contact.load(a.byId) : ctx.loaders.engineer.load(a.byId);
  }
}

@Resolver(() => Device)
export class DeviceKnowledgeResolver {
  @FieldResolver(() => [Operation], { description: 'Operations on this device, newest first.' })
  async operations(@Root() d: DeviceRecord, @Ctx() ctx: Context) {
    return [...(await ctx.loaders.operationsOfDevice.load(d.id))].sort(byRecency);
  }

  @FieldResolver(() => [Expert], {
    description: "Engineers ranked by experience with this device's model (as `experts`, from the customer's region).",
  })
  async experts(@Root() d: DeviceRecord, @Ctx() ctx: Context, @Arg('first', () => Int, { nullable: true, defaultValue: 5 }) first: number) {
    const customer = await ctx.loaders.customerOfDevice.load(d.id);
    const region = customer ? await ctx.loaders.regionOfCustomer.load(customer.id) : null;
    const list = await ctx.loaders.experts.load({ model: d.model, regionId: region?.id ?? null });
    return (await expertPage(ctx, list, { first })).edges.map((e) => e.node);
  }
}

@Resolver(() => Case)
export class CaseKnowledgeResolver {
  @FieldResolver(() => [Expert], {
    description: "Engineers ranked by experience with the model of the case's device (empty without a device).",
  })
  async suggestedEngineers(
    @Root() k: CaseRecord,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 5 }) first: number,
  ) {
    const device = await ctx.loaders.deviceOfCase.load(k.id);
    if (!device) return [];
    const customer = await ctx.loaders.customerOfCase.load(k.id);
    const region = customer ? await ctx.loaders.regionOfCustomer.load(customer.id) : null;
    const list = await ctx.loaders.experts.load({ model: device.model, regionId: region?.id ?? null });
    return (await expertPage(ctx, list, { first })).edges.map((e) => e.node);
  }

  @FieldResolver(() => [Operation], { description: 'Operations done as part of this case, newest first.' })
  async operations(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return [...(await ctx.loaders.operationsOfCase.load(k.id))].sort(byRecency);
  }
}

@Resolver(() => Customer)
export class CustomerOperationsResolver {
  @FieldResolver(() => [Operation], { description: "Recent operations on the customer's devices, newest first." })
  async operations(
    @Root() c: CustomerRecord,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 0 || first > 200) throw badInput([{ field: 'first', reason: 'must be between 0 and 200' }]);
    return [...(await ctx.loaders.operationsOfCustomer.load(c.id))].sort(byRecency).slice(0, first);
  }
}

export const OPERATION_RESOLVERS = [
  OperationMutationResolver,
  ExpertsQueryResolver,
  ExpertResolver,
  ExpertEvidenceResolver,
  OperationResolver,
  OperationAuthorisationResolver,
  DeviceKnowledgeResolver,
  CaseKnowledgeResolver,
  CustomerOperationsResolver,
] as const;
