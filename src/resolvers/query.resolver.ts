import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, InputType, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { labelOfId } from '../domain/ids';
import { MAX_PAGE_SIZE, nameIdCursor, pageArgs, pageRequest } from '../domain/pagination';
import { badInput } from '../errors';
import { listCustomers } from '../graph/repositories/customer.repo';
import { listEngineers, searchByName } from '../graph/repositories/people.repo';
import { Case } from '../schema/case.type';
import { Contact } from '../schema/contact.type';
import { Coverage } from '../schema/coverage.type';
import { Customer, CustomerConnection } from '../schema/customer.type';
import { DateTimeScalar } from '../schema/date-time.scalar';
import { Device } from '../schema/device.type';
import { Engineer, EngineerConnection } from '../schema/engineer.type';
import { CoverageRole, CustomerTier, EngineerKind, EngineerStatus } from '../schema/enums';
import { Handoff } from '../schema/handoff.type';
import { Node } from '../schema/node.interface';
import { Region } from '../schema/region.type';
import { SearchHit, SearchKind } from '../schema/search-hit.type';
import { optionalId, requireId } from './args';
import { prefetchCustomerFields } from './customer-loads';
import { coverageFields } from './projections';

@InputType({ description: 'All given conditions must hold.' })
export class CustomerFilter {
  @Field(() => ID, { nullable: true, description: 'In this region or any of its sub-regions.' })
  region?: string | null;

  @Field(() => CustomerTier, { nullable: true })
  tier?: CustomerTier | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name (or its pinyin/English form).' })
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'Currently covered (any role) by this engineer.' })
  coveredBy?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived customers (default false).' })
  includeArchived?: boolean | null;
}

@InputType({ description: 'Narrows the engineers listed; every field given must match.' })
export class EngineerFilter {
  @Field(() => ID, { nullable: true, description: 'Based in this region or any of its sub-regions.' })
  region?: string | null;

  @Field(() => EngineerStatus, { nullable: true })
  status?: EngineerStatus | null;

  @Field(() => EngineerKind, { nullable: true })
  kind?: EngineerKind | null;

  @Field(() => ID, { nullable: true })
  partner?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name (any script) or of a declared skill, any case.' })
  text?: string | null;
}

/** `first`/`after` only: connections that page forwards only (newest first logs). */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 0..${MAX_PAGE_SIZE} (default 20).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Items after this cursor.' })
  after?: string | null;
}

/** Relay paging both ways: `first`/`after` forwards, `last`/`before` backwards. */
@ArgsType()
export class PageArgs extends ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `The last items of the list (or those before \`before\`), 0..${MAX_PAGE_SIZE}; not with \`first\`.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Items before this cursor.' })
  before?: string | null;
}

@Resolver()
export class QueryResolver {
  @Query(() => Node, { nullable: true, description: 'Any node by its id.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    requireId(id, 'id');
    const label = labelOfId(id)!;
    if (label === 'Coverage' || label === 'Change' || label === 'AccessLog' || label === 'Absence') return null;
    return ctx.loaders.nodeById(label).load(id);
  }

  @Query(() => Customer, { nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const key = requireId(id, 'id', 'Customer');
    prefetchCustomerFields(ctx, key, info);
    return ctx.loaders.customer.load(key);
  }

  @Query(() => CustomerConnection, { description: 'Customers in name order, as a Relay connection.' })
  async customers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Args() { first, after, last, before }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest({ first, after, last, before }, nameIdCursor);
    optionalId(filter?.region, 'filter.region', 'Region');
    optionalId(filter?.coveredBy, 'filter.coveredBy', 'Engineer');
    return listCustomers(
      ctx.store,
      {
        regionId: filter?.region,
        tier: filter?.tier,
        text: filter?.text,
        coveredBy: filter?.coveredBy,
        includeArchived: filter?.includeArchived,
      },
      page,
      ctx.now.toISOString(),
      await ctx.scope.regionIds(),
    );
  }

  @Query(() => Engineer, { nullable: true })
  engineer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.engineer.load(requireId(id, 'id', 'Engineer'));
  }

  @Query(() => EngineerConnection, { description: 'Engineers in name order, as a Relay connection.' })
  async engineers(
    @Arg('filter', () => EngineerFilter, { nullable: true }) filter: EngineerFilter | null,
    @Args() { first, after, last, before }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = pageRequest({ first, after, last, before }, nameIdCursor);
    optionalId(filter?.region, 'filter.region', 'Region');
    optionalId(filter?.partner, 'filter.partner', 'Partner');
    return listEngineers(
      ctx.store,
      { regionId: filter?.region, status: filter?.status, kind: filter?.kind, text: filter?.text, partnerId: filter?.partner },
      page,
      await ctx.scope.regionIds(),
    );
  }

  @Query(() => Contact, { nullable: true })
  contact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.contact.load(requireId(id, 'id', 'Contact'));
  }

  @Query(() => Region, { nullable: true })
  region(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.region.load(requireId(id, 'id', 'Region'));
  }

  @Query(() => Device, { nullable: true })
  device(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.device.load(requireId(id, 'id', 'Device'));
  }

  @Query(() => Case, { nullable: true })
  case(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.case.load(requireId(id, 'id', 'Case'));
  }

  @Query(() => Handoff, { nullable: true })
  handoff(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.handoff.load(requireId(id, 'id', 'Handoff'));
  }

  @Query(() => [Coverage], { description: 'Who covers this customer at a moment (default now), optionally for one role.' })
  async whoCovers(
    @Arg('customerId', () => ID) customerId: string,
    @Arg('role', () => CoverageRole, { nullable: true }) role: CoverageRole | null,
    @Arg('at', () => DateTimeScalar, { nullable: true }) at: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    requireId(customerId, 'customerId', 'Customer');
    const fields = coverageFields(info.fieldNodes, [], info.fragments);
    return ctx.loaders.coverageOfCustomer.get({ at: at ?? ctx.now.toISOString(), role: role ?? null, fields }).load(customerId);
  }

  @Query(() => [SearchHit], {
    description:
      'Customers, contacts and engineers whose name contains the text (any case, any script); devices by model, serial or software version; engineers by skill or by a model whose cases they resolved.',
  })
  async search(
    @Arg('text') text: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<SearchHit[]> {
    const needle = text.trim();
    if (needle.length < 1 || needle.length > 100) throw badInput([{ field: 'text', reason: 'must be 1 to 100 characters' }]);
    const { limit } = pageArgs(first, null, () => null);
    // Hits outside the caller's regions are dropped before the page is cut.
    const all = await searchByName(ctx.store, needle, ctx.scope.limited ? Number.MAX_SAFE_INTEGER : limit);
    const visible = await Promise.all(all.map((h) => ctx.scope.visible(h.kind, h.record.id)));
    const hits = all.filter((_, i) => visible[i]).slice(0, limit);
    return hits.map((h) => ({
      kind: h.kind as SearchKind,
      node: h.record as unknown as Node,
      matched: h.matched,
    }));
  }
}
