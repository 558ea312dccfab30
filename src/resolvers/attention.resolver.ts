import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Gate } from '../graph/gate';
import { attentionPageArgs, pageAttention, rankAttention } from '../domain/attention-list';
import { FLAG_WEIGHTS, type Flag, type FlagCode } from '../domain/flags';
import { pageArgs } from '../domain/pagination';
import { caseSla } from '../domain/sla-clock';
import { attentionLoaders, type CustomerAssessment } from '../graph/attention-loaders';
import { sharedSweep, writesUse } from '../graph/attention-state';
import { hydrateFlags, maintainedAttention, maintainedAttentionOf, type RankedRow } from '../graph/attention-read';
import type { CaseRecord, CustomerRecord, EngineerRecord } from '../graph/records';
import { attentionCandidates } from '../graph/repositories/attention.repo';
import { AttentionFilter } from '../schema/attention.input';
import { AttentionConnection, AttentionRow, CustomerFlag } from '../schema/attention.type';
import { Case } from '../schema/case.type';
import { CaseSla } from '../schema/case-sla.type';
import { Customer } from '../schema/customer.type';
import { Engineer } from '../schema/engineer.type';
import { Interaction } from '../schema/interaction.type';
import { CaseKind, CaseSeverity, CaseStatus, CustomerTier, RecordStatus } from '../schema/enums';
import { optionalId } from './args';
import { PageArgs } from './query.resolver';

/** DataLoader.loadMany answers errors in place: surface the first one. */
function settled<T>(results: (T | Error)[]): T[] {
  const error = results.find((r): r is Error => r instanceof Error);
  if (error) throw error;
  return results as T[];
}

@Resolver()
export class AttentionQueryResolver {
  @Query(() => AttentionConnection, {
    description:
      'Customers that need attention, ranked by severity score (highest first), then name; each row with its flags and evidence. ' +
      'Only customers with at least one flag are listed.',
  })
  async attention(
    @Arg('filter', () => AttentionFilter, { nullable: true }) filter: AttentionFilter | null,
    @Args() { first, after, last, before }: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = attentionPageArgs(first, after, last, before);
    const regionId = optionalId(filter?.region, 'filter.region', 'Region');
    const engineerId = optionalId(filter?.engineer, 'filter.engineer', 'Engineer');
    const maintained = await maintainedAttention(
      {
        store: ctx.store,
        complete: attentionLoaders(ctx).statesComplete,
        now: ctx.now,
        policy: ctx.policy,
        filter: { regionId, engineerId, tier: filter?.tier ?? null, flag: filter?.flag ?? null },
        visible: ctx.scope.limited
          ? async (ids) =>
              new Set(
                (
                  await ctx.scope.filter(
                    'Customer',
                    ids.map((id) => ({ id })),
                  )
                ).map((c) => c.id),
              )
          : undefined,
        assess: (ids) => assessAll(ctx, ids),
        catchUp: writesUse(ctx.policy) ? () => sharedSweep(ctx.store, ctx.policy, ctx.now).result : undefined,
      },
      page,
    );
    if (maintained) return hydratePage(ctx, maintained);
    return fullAttention(ctx, { regionId, engineerId, tier: filter?.tier ?? null, flag: filter?.flag ?? null }, page);
  }
}

/** Full assessments of these customers at the request's clock (the request's DataLoader). */
async function assessAll(ctx: Context, ids: string[]): Promise<CustomerAssessment[]> {
  return settled(await attentionLoaders(ctx).assessment.loadMany(ids)).filter((a): a is CustomerAssessment => a !== null);
}

/** The page's rows with their flags (from the state) and customer records. */
async function hydratePage<P extends { edges: { node: RankedRow }[] }>(ctx: Context, page: P): Promise<P> {
  const rows = page.edges.map((e) => e.node);
  await hydrateRows(ctx, rows);
  return page;
}

async function hydrateRows(ctx: Context, rows: RankedRow[]): Promise<void> {
  const [records] = await Promise.all([
    ctx.loaders.customer.loadMany(rows.filter((r) => r.fromState).map((r) => r.customer.id)),
    hydrateFlags(
      rows,
      (ids) => attentionLoaders(ctx).stateFlags.loadMany(ids),
      (ids) => assessAll(ctx, ids),
    ),
  ]);
  const byId = new Map(
    settled(records)
      .filter((c): c is CustomerRecord => c != null)
      .map((c) => [c.id, c]),
  );
  for (const r of rows) if (r.fromState) r.customer = byId.get(r.customer.id) ?? r.customer;
}

/** Full assessments of the attention list running at once in this process (the rest wait). */
const FULL_ASSESSMENTS = new Gate(1);

/**
 * The attention list by assessing every candidate (the path before issue 15). Used when the maintained
 * state cannot answer (states missing or too many stale) and by the tests that prove the state exact.
 */
export async function fullAttention(
  ctx: Context,
  filter: { regionId: string | null; engineerId: string | null; tier: CustomerTier | null; flag: FlagCode | null },
  page: ReturnType<typeof attentionPageArgs>,
) {
  // One full assessment at a time per process: on a large graph each holds every candidate's assessment.
  return FULL_ASSESSMENTS.run(async () => {
    const { regionId, engineerId } = filter;
    const candidates = await ctx.scope.filter(
      'Customer',
      await attentionCandidates(ctx.store, { regionId, engineerId, tier: filter.tier }, ctx.now),
    );
    const ranked = rankAttention(
      await assessAll(
        ctx,
        candidates.map((c) => c.id),
      ),
      filter.flag,
    );
    return pageAttention(ranked, page);
  });
}

@Resolver(() => Customer)
export class CustomerAttentionResolver {
  @FieldResolver(() => [CustomerFlag], {
    description: 'Why this customer needs attention now, heaviest first (empty: nothing to look at).',
  })
  async flags(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    const a = await attentionLoaders(ctx).assessment.load(c.id);
    return a?.flags ?? [];
  }

  @FieldResolver(() => Interaction, {
    nullable: true,
    description:
      'The last contact with the customer: the latest interaction up to now WITH at least one person currently working at the customer ' +
      '(internal notes, talks with former contacts and planned interactions do not count). NO_CONTACT_IN_DAYS reads exactly this.',
  })
  async lastCustomerContact(@Root() c: CustomerRecord, @Ctx() ctx: Context) {
    const a = await attentionLoaders(ctx).assessment.load(c.id);
    return a?.lastCustomerContactId ? ctx.loaders.interaction.load(a.lastCustomerContactId) : null;
  }
}

@Resolver(() => Engineer)
export class EngineerAttentionResolver {
  @FieldResolver(() => [AttentionRow], {
    description: "The attention list of this engineer's current portfolio (customers covered now in any role), ranked like `attention`.",
  })
  async attention(
    @Root() e: EngineerRecord,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many rows, 0..200 (default 20).' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    const { limit } = pageArgs(first, null, () => null);
    const portfolio = await ctx.loaders.portfolioOfEngineer.get({ at: ctx.loaders.now, role: null }).load(e.id);
    const ids = [...new Set(portfolio.map((c) => c.customerId))];
    const loaders = attentionLoaders(ctx);
    const maintained = await maintainedAttentionOf(
      { complete: loaders.statesComplete, states: (x) => loaders.state.loadMany(x), assess: (x) => assessAll(ctx, x) },
      ids,
    );
    if (maintained) {
      const rows = maintained.filter((a) => a.fromState || (a.customer as CustomerRecord).status !== RecordStatus.ARCHIVED).slice(0, limit);
      await hydrateRows(ctx, rows);
      return rows;
    }
    const live = (await assessAll(ctx, ids)).filter((a) => a.customer.status !== RecordStatus.ARCHIVED);
    return rankAttention(live).slice(0, limit);
  }
}

@Resolver(() => CustomerFlag)
export class CustomerFlagResolver {
  @FieldResolver(() => Int)
  weight(@Root() f: Flag) {
    return FLAG_WEIGHTS[f.code];
  }
}

@Resolver(() => Case)
export class CaseSlaResolver {
  @FieldResolver(() => CaseSla, { description: "The SLA clock at the request's time (the customer's tier decides the limits)." })
  async sla(@Root() k: CaseRecord, @Ctx() ctx: Context): Promise<CaseSla> {
    const customer = await ctx.loaders.customerOfCase.load(k.id);
    const tier = (customer?.tier as CustomerTier | undefined) ?? CustomerTier.STANDARD;
    const s = caseSla(
      {
        kind: k.kind as CaseKind,
        severity: k.severity as CaseSeverity,
        status: k.status as CaseStatus,
        openedAt: k.openedAt,
        respondedAt: k.respondedAt,
        resolvedAt: k.resolvedAt,
        lastCustomerUpdateAt: k.lastCustomerUpdateAt,
      },
      tier,
      ctx.policy,
      ctx.now,
    );
    return {
      responseDueAt: s.responseDueAt,
      resolveDueAt: s.resolveDueAt,
      responseBreached: s.responseBreached,
      resolveBreached: s.resolveBreached,
      remaining: s.remainingHours,
      silentForHours: s.silentForHours,
      silenceLimitHours: s.silenceLimitHours,
      silenceBreached: s.silenceBreached,
    };
  }
}
