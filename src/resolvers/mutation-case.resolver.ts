import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { logInteraction, makeCommitment, resolveCommitment } from '../graph/repositories/activity-write.repo';
import { archiveCase, assignCaseOwner, openCase, updateCase } from '../graph/repositories/case-write.repo';
import type { Props } from '../graph/records';
import { AssignCaseOwnerArgs, OpenCaseInput, UpdateCaseInput } from '../schema/case.input';
import { Case } from '../schema/case.type';
import { Commitment, Interaction } from '../schema/interaction.type';
import { LogInteractionInput, MakeCommitmentInput, ResolveCommitmentArgs } from '../schema/interaction.input';
import { requireId } from './args';
import { write } from './write-context';

/** Cases, interactions and commitments: the work done for a customer. */
@Resolver()
export class MutationCaseResolver {
  @Mutation(() => Case, { description: "Opens a case with exactly one owner (ownerId, or the customer's current ACTIVE PRIMARY)." })
  openCase(@Arg('input', () => OpenCaseInput) input: OpenCaseInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => openCase(ctx.store, input, m));
  }

  @Mutation(() => Case)
  updateCase(@Arg('input', () => UpdateCaseInput) input: UpdateCaseInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => updateCase(ctx.store, input, m));
  }

  @Mutation(() => Case, { description: 'Status ARCHIVED (final): the case and its history are kept.' })
  archiveCase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return write(ctx, (m) => archiveCase(ctx.store, requireId(id, 'id', 'Case'), m));
  }

  @Mutation(() => Case, { description: "Ends the current ownership at `at` and starts the engineer's, in one transaction." })
  assignCaseOwner(@Args(() => AssignCaseOwnerArgs) args: AssignCaseOwnerArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => assignCaseOwner(ctx.store, args, m));
  }

  @Mutation(() => Interaction, { description: "About a case and with contacts, it also moves the case's lastCustomerUpdateAt forward." })
  logInteraction(@Arg('input', () => LogInteractionInput) input: LogInteractionInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => logInteraction(ctx.store, input, m));
  }

  @Mutation(() => Commitment)
  makeCommitment(@Arg('input', () => MakeCommitmentInput) input: MakeCommitmentInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => makeCommitment(ctx.store, input, m));
  }

  @Mutation(() => Commitment, { description: 'Closes an OPEN commitment as KEPT, BROKEN or CANCELLED.' })
  resolveCommitment(@Args(() => ResolveCommitmentArgs) args: ResolveCommitmentArgs, @Ctx() ctx: Context) {
    return write(ctx, (m) => resolveCommitment(ctx.store, args, m));
  }
}

@Resolver(() => Commitment)
export class CommitmentResolutionResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The note given when the commitment was resolved.' })
  resolutionNote(@Root() m: Props) {
    return (m.resolutionNote as string | undefined) ?? null;
  }
}
