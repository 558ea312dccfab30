import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { isCurrentAt } from '../domain/coverage';
import type { ContactRecord, CoverageRecord, EmploymentRecord, EngineerRecord, PartnerRecord } from '../graph/records';
import { Case } from '../schema/case.type';
import { Contact, Employment } from '../schema/contact.type';
import { Coverage } from '../schema/coverage.type';
import { Customer } from '../schema/customer.type';
import { DateTimeScalar } from '../schema/date-time.scalar';
import { Engineer, Partner } from '../schema/engineer.type';
import { CaseStatus, CoverageRole, OPEN_CASE_STATUSES, RecordStatus } from '../schema/enums';
import { Handoff } from '../schema/handoff.type';
import { Region } from '../schema/region.type';
import { registerEnumType } from 'type-graphql';

export enum HandoffSide {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(HandoffSide, {
  name: 'HandoffSide',
  description: "An engineer's side of a handoff: the one leaving or the one taking over.",
});

@Resolver(() => Contact)
export class ContactResolver {
  @FieldResolver(() => RecordStatus)
  status(@Root() c: ContactRecord) {
    return c.status ?? RecordStatus.ACTIVE;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'Where the contact works now.' })
  async customer(@Root() c: ContactRecord, @Ctx() ctx: Context) {
    const jobs = await ctx.loaders.employmentsOfContact.load(c.id);
    const current = jobs.find((j) => isCurrentAt({ from: j.from ?? new Date(0).toISOString(), to: j.to }, ctx.now));
    return current ? ctx.loaders.customer.load(current.customerId) : null;
  }

  @FieldResolver(() => [Employment], { description: 'Every employment at a customer, newest first.' })
  employments(@Root() c: ContactRecord, @Ctx() ctx: Context) {
    return ctx.loaders.employmentsOfContact.load(c.id);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The direct manager at the customer.' })
  reportsTo(@Root() c: ContactRecord, @Ctx() ctx: Context) {
    return ctx.loaders.managerOfContact.load(c.id);
  }

  @FieldResolver(() => [Contact], { description: 'People who report to this contact.' })
  directReports(@Root() c: ContactRecord, @Ctx() ctx: Context) {
    return ctx.loaders.reportsOfContact.load(c.id);
  }

  @FieldResolver(() => [Contact], { description: "The contact's chain of managers, nearest first." })
  reportingLine(@Root() c: ContactRecord, @Ctx() ctx: Context) {
    return ctx.loaders.reportingLineOfContact.load(c.id);
  }
}

@Resolver(() => Employment)
export class EmploymentResolver {
  @FieldResolver(() => Contact)
  contact(@Root() e: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.contact.load(e.contactId);
  }

  @FieldResolver(() => Customer)
  customer(@Root() e: EmploymentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(e.customerId);
  }

  @FieldResolver(() => Boolean)
  current(@Root() e: EmploymentRecord, @Ctx() ctx: Context) {
    return isCurrentAt({ from: e.from ?? new Date(0).toISOString(), to: e.to }, ctx.now);
  }
}

@Resolver(() => Engineer)
export class EngineerResolver {
  @FieldResolver(() => [String])
  skills(@Root() e: EngineerRecord) {
    return e.skills ?? [];
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner company of a partner engineer.' })
  partner(@Root() e: EngineerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.partnerOfEngineer.load(e.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'Where the engineer is based.' })
  region(@Root() e: EngineerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.regionOfEngineer.load(e.id);
  }

  @FieldResolver(() => [Coverage], { description: 'The customers this engineer covers at `at` (default now).' })
  portfolio(
    @Root() e: EngineerRecord,
    @Arg('at', () => DateTimeScalar, { nullable: true }) at: string | null,
    @Arg('role', () => CoverageRole, { nullable: true }) role: CoverageRole | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.loaders.portfolioOfEngineer.get({ at: at ?? ctx.loaders.now, role: role ?? null }).load(e.id);
  }

  @FieldResolver(() => [Case], { description: 'Cases this engineer owns now; default: the open ones.' })
  ownedCases(
    @Root() e: EngineerRecord,
    @Arg('status', () => [CaseStatus], { nullable: true }) status: CaseStatus[] | null,
    @Ctx() ctx: Context,
  ) {
    const statuses = status?.length ? [...status].sort() : [...OPEN_CASE_STATUSES].sort();
    return ctx.loaders.ownedCasesOfEngineer.get({ statuses }).load(e.id);
  }

  @FieldResolver(() => [Handoff], { description: 'Handoffs in which this engineer handed over (OUTGOING) or took over (INCOMING).' })
  async handoffs(
    @Root() e: EngineerRecord,
    @Arg('role', () => HandoffSide, { nullable: true }) role: HandoffSide | null,
    @Ctx() ctx: Context,
  ) {
    const out = role === HandoffSide.INCOMING ? [] : await ctx.loaders.outgoingHandoffsOfEngineer.load(e.id);
    const inc = role === HandoffSide.OUTGOING ? [] : await ctx.loaders.incomingHandoffsOfEngineer.load(e.id);
    return [...out, ...inc].sort((a, b) => b.effectiveAt.localeCompare(a.effectiveAt));
  }
}

@Resolver(() => Partner)
export class PartnerResolver {
  @FieldResolver(() => RecordStatus)
  status(@Root() p: PartnerRecord) {
    return p.status ?? RecordStatus.ACTIVE;
  }

  @FieldResolver(() => [Engineer])
  engineers(@Root() p: PartnerRecord, @Ctx() ctx: Context) {
    return ctx.loaders.engineersOfPartner.load(p.id);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  @FieldResolver(() => Engineer)
  engineer(@Root() c: CoverageRecord, @Ctx() ctx: Context) {
    // Read with the coverage (only the properties the query selects), or primed by it.
    return c.engineer ?? ctx.loaders.engineer.load(c.engineerId);
  }

  @FieldResolver(() => Customer)
  customer(@Root() c: CoverageRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customer.load(c.customerId);
  }

  @FieldResolver(() => Boolean)
  current(@Root() c: CoverageRecord, @Ctx() ctx: Context) {
    return isCurrentAt(c, ctx.now);
  }
}
