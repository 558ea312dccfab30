import type { EngineerRecord } from '../graph/records';
import { COVERAGE_WITH_ABSENCES } from '../graph/repositories/coverage.repo';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { escalationPath, isCurrentAt } from '../domain/coverage';
import { pageOfList } from '../domain/pagination';
import type { CustomerRecord } from '../graph/records';
import { Case } from '../schema/case.type';
import { Contact } from '../schema/contact.type';
import { Coverage, CoverageConnection, EscalationStep } from '../schema/coverage.type';
import { Customer } from '../schema/customer.type';
import { DateTimeScalar } from '../schema/date-time.scalar';
import { Device } from '../schema/device.type';
import { CaseStatus, CommitmentStatus, CoverageRole, RecordStatus } from '../schema/enums';
import { Handoff } from '../schema/handoff.type';
import { Commitment, Interaction } from '../schema/interaction.type';
import { Region } from '../schema/region.type';
import { PageArgs } from './query.resolver';
import { contactsOf, coverageAt, openCasesOf } from './customer-loads';
import { contactFieldsOf, coverageFieldsOf } from './projections';

@Resolver(() => Customer)
export class CustomerResolver {
  @FieldResolver(() => RecordStatus)
  status(@Root() c: CustomerRecord) {
    return c.status ?? RecordStatus.ACTIVE;
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.regionOfCustomer.load(c.id);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The operator group or parent this customer is a branch of.' })
  parent(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.parentOfCustomer.load(c.id);
  }

  @FieldResolver(() => [Customer])
  branches(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.branchesOfCustomer.load(c.id);
  }

  @FieldResolver(() => [Coverage], { description: 'Coverage current at `at` (default now), optionally for one role.' })
  coverage(
    @Root() c: CustomerRecord,
    @Arg('at', () => DateTimeScalar, { nullable: true }) at: string | null,
    @Arg('role', () => CoverageRole, { nullable: true }) role: CoverageRole | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return coverageAt(ctx, at, role, coverageFieldsOf(info)).load(c.id);
  }

  @FieldResolver(() => CoverageConnection, { description: 'Every coverage ever, newest first.' })
  async coverageHistory(@Root() c: CustomerRecord, @Args() { first, after, last, before }: PageArgs, @Ctx() ctx: Context) {
    return pageOfList(await ctx.loaders.coverageHistoryOfCustomer.load(c.id), first, after, last, before);
  }

  @FieldResolver(() => [Contact], { description: 'Current contacts; former ones too with includeFormer.' })
  async contacts(
    @Root() c: CustomerRecord,
    @Arg('includeFormer', () => Boolean, { nullable: true }) includeFormer: boolean | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return contactsOf(ctx, includeFormer, contactFieldsOf(info)).load(c.id);
  }

  @FieldResolver(() => [EscalationStep], {
    description:
      'Whom to call, in order: current coverage by role (PRIMARY, BACKUP, PARTNER_ONSITE, PRODUCT_LEAD, SERVICE_MANAGER, ACCOUNT_MANAGER). ' +
      'Engineers who are not ACTIVE are listed with skippedBecause.',
  })
  async escalationPath(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    // The coverage's statement brings the engineers (primed) and their absences (primed): one statement.
    const coverage = await coverageAt(ctx, null, null, COVERAGE_WITH_ABSENCES).load(c.id);
    const engineers = await ctx.loaders.engineer.loadMany(coverage.map((cv) => cv.engineerId));
    const candidates = coverage.flatMap((cv, i) => {
      const e = engineers[i];
      return e && !(e instanceof Error) ? [{ role: cv.role, engineer: e }] : [];
    });
    // Absences current now, and their covers (who steps into the absent engineer's place).
    const ids = [...new Set(candidates.map((c) => c.engineer.id))];
    const absences = (await ctx.loaders.absencesOfEngineer.loadMany(ids)).flatMap((list) => (Array.isArray(list) ? list : []));
    const current = absences.filter((a) => isCurrentAt(a, ctx.now));
    const covers = await ctx.loaders.engineer.loadMany([...new Set(current.flatMap((a) => a.coverIds))]);
    // Each engineer once: a cover may also cover the customer himself (named twice otherwise).
    const known = [
      ...new Map(
        [...engineers, ...covers].filter((e): e is EngineerRecord => Boolean(e) && !(e instanceof Error)).map((e) => [e.id, e]),
      ).values(),
    ];
    const absent = new Map(
      current.map(
        (a) =>
          [
            a.engineerId,
            { id: a.id, reason: a.reason, from: a.from, to: a.to, covers: known.filter((e) => a.coverIds.includes(e.id)) },
          ] as const,
      ),
    );
    // Object.assign, not `{ ...s, engineer }` (a property after a spread is slow on Node 20).
    return escalationPath(candidates, absent).map((s) => Object.assign({}, s, { engineer: known.find((e) => e.id === s.engineerId) }));
  }

  @FieldResolver(() => [Device])
  devices(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.devicesOfCustomer.load(c.id);
  }

  @FieldResolver(() => [Case], { description: 'Cases, newest first, optionally only some statuses.' })
  cases(
    @Root() c: CustomerRecord,
    @Arg('status', () => [CaseStatus], { nullable: true }) status: CaseStatus[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.casesOfCustomer.get({ statuses: status?.length ? [...status].sort() : null }).load(c.id);
  }

  @FieldResolver(() => [Case], { description: 'Cases still open (OPEN, IN_PROGRESS, WAITING_CUSTOMER).' })
  openCases(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return openCasesOf(ctx).load(c.id);
  }

  @FieldResolver(() => Interaction, {
    nullable: true,
    description:
      'The most recent interaction of any kind, internal notes included. For the last time someone talked with the customer, see lastCustomerContact.',
  })
  lastInteraction(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.lastInteractionOfCustomer.load(c.id);
  }

  @FieldResolver(() => [Interaction], { description: 'Every interaction, newest first.' })
  interactions(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.interactionsOfCustomer.load(c.id);
  }

  @FieldResolver(() => [Commitment], { description: 'Promises made to this customer, by due time; default: the open ones.' })
  commitments(
    @Root() c: CustomerRecord,
    @Arg('status', () => [CommitmentStatus], { nullable: true }) status: CommitmentStatus[] | null,
    @Ctx() ctx: Context,
  ) {
    const statuses = status?.length ? [...status].sort() : [CommitmentStatus.OPEN];
    return ctx.loaders.commitmentsOfCustomer.get({ statuses }).load(c.id);
  }

  @FieldResolver(() => Handoff, { nullable: true, description: 'The most recent handoff that touched this customer.' })
  lastHandoff(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.lastHandoffOfCustomer.load(c.id);
  }
}
