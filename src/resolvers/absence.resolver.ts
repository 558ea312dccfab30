import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { isCurrentAt } from '../domain/coverage';
import { badInput } from '../errors';
import { endAbsence, recordAbsence, type AbsenceRecord } from '../graph/repositories/absence.repo';
import type { EngineerRecord } from '../graph/records';
import { Absence, RecordAbsenceInput } from '../schema/absence.type';
import { DateTimeScalar } from '../schema/date-time.scalar';
import { Engineer } from '../schema/engineer.type';
import { write } from './write-context';

@Resolver(() => Absence)
export class AbsenceResolver {
  @FieldResolver(() => Engineer)
  engineer(@Root() a: AbsenceRecord, @Ctx() ctx: Context) {
    return ctx.loaders.engineer.load(a.engineerId);
  }

  @FieldResolver(() => [Engineer])
  async coveredBy(@Root() a: AbsenceRecord, @Ctx() ctx: Context) {
    const found = await ctx.loaders.engineer.loadMany(a.coverIds);
    return found.filter((e) => e && !(e instanceof Error));
  }

  @FieldResolver(() => Boolean)
  current(@Root() a: AbsenceRecord, @Ctx() ctx: Context) {
    return isCurrentAt(a, ctx.now);
  }

  @Mutation(() => Absence, {
    description:
      'Records a vacation, leave or training period of an engineer (and who covers). Refused with CONFLICT if it overlaps another of his absences.',
  })
  recordAbsence(@Arg('input', () => RecordAbsenceInput) input: RecordAbsenceInput, @Ctx() ctx: Context) {
    return write(ctx, (m) => recordAbsence(ctx.store, { ...input, coverIds: input.coverEngineerIds ?? [] }, m));
  }

  @Mutation(() => Absence, { description: 'Ends an absence at `at` (default now): the engineer is back from then on.' })
  endAbsence(@Arg('id', () => ID) id: string, @Arg('at', () => DateTimeScalar, { nullable: true }) at: string | null, @Ctx() ctx: Context) {
    if (!id.startsWith('abs_')) throw badInput([{ field: 'id', reason: 'must be an absence id (abs_…)' }]);
    return write(ctx, (m) => endAbsence(ctx.store, { id, at }, m));
  }
}

@Resolver(() => Engineer)
export class EngineerAbsenceResolver {
  @FieldResolver(() => [Absence], {
    description: 'His absences (vacation, leave, training), newest first; with current: true only the one under way.',
  })
  async absences(
    @Root() e: EngineerRecord,
    @Arg('current', () => Boolean, { nullable: true }) current: boolean | null,
    @Ctx() ctx: Context,
  ) {
    const list = await ctx.loaders.absencesOfEngineer.load(e.id);
    return current ? list.filter((a) => isCurrentAt(a, ctx.now)) : list;
  }
}
