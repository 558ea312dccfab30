import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { labelOfId } from '../domain/ids';
import { pageOfList } from '../domain/pagination';
import { badInput } from '../errors';
import { refuseOutsideCustomers } from '../auth/scope';
import * as handoffs from '../graph/handoffs';
import { intersect, regionAndBelow } from '../graph/repositories/customer.repo';
import { HandoffItemStatus } from '../schema/enums';
import { Handoff, HandoffItem, HandoffItemConnection } from '../schema/handoff.type';
import { HandoffPlan, HandoffWarningCode, OpenHandoffItemsFilter, PlanHandoffInput } from '../schema/handoff-plan.type';
import { optionalId, requireId } from './args';
import { PageArgs } from './query.resolver';

/** The customers a plan touches at its effective time: those handed over and those its items are for. */
const customersOfPlan = (plan: handoffs.PlannedHandoff) => [
  ...plan.assignments.map((a) => a.customerId),
  ...plan.items.map((i) => i.customerId),
];

function checkInput(input: PlanHandoffInput): handoffs.PlanHandoffArgs {
  requireId(input.outgoingEngineerId, 'input.outgoingEngineerId', 'Engineer');
  input.successors.forEach((s, i) => {
    requireId(s.engineerId, `input.successors[${i}].engineerId`, 'Engineer');
    s.customerIds?.forEach((c) => requireId(c, `input.successors[${i}].customerIds`, 'Customer'));
  });
  return input;
}

@Resolver()
export class HandoffWorkflowResolver {
  @Mutation(() => HandoffPlan, { description: 'Preview a handoff: the generated checklist and its warnings. Writes nothing.' })
  async planHandoff(@Arg('input', () => PlanHandoffInput) input: PlanHandoffInput, @Ctx() ctx: Context) {
    const plan = await handoffs.preparePlan({ run: (c, p) => ctx.store.read(c, p) }, checkInput(input), ctx.policy, ctx.now);
    await refuseOutsideCustomers(ctx.scope, 'planHandoff', customersOfPlan(plan));
    // The engineers the caller named take over his customers: his to see in the answer.
    ctx.scope.allow('Engineer', [input.outgoingEngineerId, ...input.successors.map((s) => s.engineerId)]);
    const L = ctx.loaders;
    return {
      outgoing: L.engineer.load(plan.outgoingId),
      successors: Promise.all(input.successors.map((s) => L.engineer.load(s.engineerId))),
      reason: input.reason,
      effectiveAt: input.effectiveAt,
      until: input.until ?? null,
      assignments: plan.assignments.map((a) => ({
        customer: L.customer.load(a.customerId),
        successor: L.engineer.load(a.successorId),
        roles: a.roles,
        from: plan.args.effectiveAt,
        until: plan.args.reason === 'VACATION' ? (plan.args.until ?? null) : null,
      })),
      items: plan.items.map((i) => ({
        seq: i.seq,
        kind: i.kind,
        status: HandoffItemStatus.OPEN,
        customer: L.customer.load(i.customerId),
        refersTo: L.nodeById(labelOfId(i.refersToId)!).load(i.refersToId),
        assignee: L.engineer.load(i.assigneeId),
      })),
      warnings: plan.warnings.map((w) => ({
        code: w.code as HandoffWarningCode,
        message: w.message,
        customer: w.customerId ? L.customer.load(w.customerId) : null,
        engineer: w.engineerId ? L.engineer.load(w.engineerId) : null,
        kase: w.caseId ? L.case.load(w.caseId) : null,
      })),
    };
  }

  @Mutation(() => Handoff, { description: 'Create the handoff and its OPEN checklist items, exactly as planHandoff shows them.' })
  async startHandoff(@Arg('input', () => PlanHandoffInput) input: PlanHandoffInput, @Ctx() ctx: Context) {
    // A region-limited caller: the plan at effectiveAt (what would actually be handed over) must lie
    // in his regions, checked before anything is written.
    if (ctx.scope.limited) {
      const plan = await handoffs.preparePlan({ run: (c, p) => ctx.store.read(c, p) }, checkInput(input), ctx.policy, ctx.now);
      await refuseOutsideCustomers(ctx.scope, 'startHandoff', customersOfPlan(plan));
    }
    const id = await handoffs.startHandoff(ctx.store, checkInput(input), ctx.policy, ctx);
    return ctx.loaders.handoff.load(id);
  }

  @Mutation(() => HandoffItem, {
    description: 'Mark an item done. TRANSFER_CASE reassigns the case owner; TRANSFER_COMMITMENT moves the promise.',
  })
  async completeHandoffItem(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    if (note && note.length > 2000) throw badInput([{ field: 'note', reason: 'is longer than 2000 characters' }]);
    await handoffs.completeItem(ctx.store, requireId(id, 'id', 'HandoffItem'), note, ctx);
    return ctx.loaders.handoffItem.load(id);
  }

  @Mutation(() => HandoffItem, { description: 'Waive an item that is not needed; the reason is required.' })
  async waiveHandoffItem(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Context) {
    await handoffs.waiveItem(ctx.store, requireId(id, 'id', 'HandoffItem'), reason, ctx);
    return ctx.loaders.handoffItem.load(id);
  }

  @Mutation(() => HandoffItem, { description: 'Reopen a done or waived item; the reason is required.' })
  async reopenHandoffItem(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Context) {
    await handoffs.reopenItem(ctx.store, requireId(id, 'id', 'HandoffItem'), reason, ctx);
    return ctx.loaders.handoffItem.load(id);
  }

  @Mutation(() => Handoff, {
    description:
      "At the effective time, end the outgoing coverage, case ownerships and promises and open the successors', in one transaction. " +
      'Refused while items are open unless force: true with a reason; forced completion leaves them open.',
  })
  async completeHandoff(
    @Arg('id', () => ID) id: string,
    @Arg('force', () => Boolean, { nullable: true }) force: boolean | null,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    await handoffs.completeHandoff(ctx.store, requireId(id, 'id', 'Handoff'), force ?? false, reason, ctx);
    return ctx.loaders.handoff.load(id);
  }

  @Mutation(() => Handoff, { description: 'Cancel a handoff that is not completed; the reason is required.' })
  async cancelHandoff(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Context) {
    await handoffs.cancelHandoff(ctx.store, requireId(id, 'id', 'Handoff'), reason, ctx);
    return ctx.loaders.handoff.load(id);
  }

  @Query(() => HandoffItemConnection, { description: 'Open items of handoffs that are not cancelled, oldest first.' })
  async openHandoffItems(
    @Arg('filter', () => OpenHandoffItemsFilter, { nullable: true }) filter: OpenHandoffItemsFilter | null,
    @Args() { first, after, last, before }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const region = optionalId(filter?.region, 'filter.region', 'Region');
    const engineerId = optionalId(filter?.engineer, 'filter.engineer', 'Engineer');
    if (filter?.olderThanDays != null && (filter.olderThanDays < 0 || filter.olderThanDays > 3650)) {
      throw badInput([{ field: 'filter.olderThanDays', reason: 'must be between 0 and 3650' }]);
    }
    const items = await handoffs.openItems(
      ctx.store,
      {
        regionIds: intersect(region ? await regionAndBelow(ctx.store, region) : null, await ctx.scope.regionIds()),
        engineerId,
        kind: filter?.kind ?? null,
        olderThanDays: filter?.olderThanDays ?? null,
      },
      ctx.now,
    );
    return pageOfList(items, first, after, last, before);
  }
}
