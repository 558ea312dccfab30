import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { requireId } from './args';
import type { Context } from '../context';
import type { CustomerRecord, HandoffItemRecord, HandoffRecord } from '../graph/records';
import { Customer } from '../schema/customer.type';
import { Engineer } from '../schema/engineer.type';
import { HandoffItemStatus } from '../schema/enums';
import { Handoff, HandoffItem, HandoffSummary } from '../schema/handoff.type';
import { Node } from '../schema/node.interface';

@Resolver(() => Handoff)
export class HandoffResolver {
  @FieldResolver(() => Engineer, { description: 'The outgoing engineer.' })
  from(@Root() h: HandoffRecord, @Ctx() ctx: Context) {
    return ctx.loaders.fromOfHandoff.load(h.id);
  }

  @FieldResolver(() => [Engineer], { description: 'The successors.' })
  to(@Root() h: HandoffRecord, @Ctx() ctx: Context) {
    return ctx.loaders.toOfHandoff.load(h.id);
  }

  @FieldResolver(() => [HandoffItem], { description: 'The checklist, optionally only some statuses or one customer.' })
  async items(
    @Root() h: HandoffRecord,
    @Arg('status', () => [HandoffItemStatus], { nullable: true }) status: HandoffItemStatus[] | null,
    @Arg('customer', () => ID, { nullable: true }) customer: string | null,
    @Ctx() ctx: Context,
  ) {
    return this.filtered(h, ctx, status?.length ? status : null, customer);
  }

  private async filtered(h: HandoffRecord, ctx: Context, status: HandoffItemStatus[] | null, customer: string | null) {
    const items = await ctx.loaders.itemsOfHandoff.load(h.id);
    const byStatus = status ? items.filter((i) => status.includes(i.status as HandoffItemStatus)) : items;
    if (!customer) return byStatus;
    requireId(customer, 'customer', 'Customer');
    const owners = await ctx.loaders.customerOfItem.loadMany(byStatus.map((i) => i.id));
    return byStatus.filter((_, i) => {
      const c = owners[i];
      return c && !(c instanceof Error) && c.id === customer;
    });
  }

  @FieldResolver(() => Boolean)
  forced(@Root() h: HandoffRecord & { forced?: boolean | null }) {
    return h.forced ?? false;
  }

  @FieldResolver(() => HandoffSummary, {
    description: "Items by status, and which customers are fully handed over (of the items in the caller's regions).",
  })
  async summary(@Root() h: HandoffRecord, @Ctx() ctx: Context) {
    // Counts cover only what the caller may see.
    const items = await ctx.scope.filter('HandoffItem', await ctx.loaders.itemsOfHandoff.load(h.id));
    const customers = await ctx.loaders.customerOfItem.loadMany(items.map((i) => i.id));
    const open = new Set<string>();
    const all = new Map<string, CustomerRecord>();
    items.forEach((item, i) => {
      const c = customers[i];
      if (!c || c instanceof Error) return;
      all.set(c.id, c);
      if (item.status === HandoffItemStatus.OPEN) open.add(c.id);
    });
    const count = (s: HandoffItemStatus) => items.filter((i) => i.status === s).length;
    return {
      total: items.length,
      open: count(HandoffItemStatus.OPEN),
      done: count(HandoffItemStatus.DONE),
      waived: count(HandoffItemStatus.WAIVED),
      customersFullyHandedOver: [...all.values()].filter((c) => !open.has(c.id)),
      customersWithOpenItems: [...all.values()].filter((c) => open.has(c.id)),
    };
  }

  @FieldResolver(() => [HandoffItem], {
    description: 'Items neither done nor waived: what this handoff left open (optionally for one customer).',
  })
  openItems(@Root() h: HandoffRecord, @Arg('customer', () => ID, { nullable: true }) customer: string | null, @Ctx() ctx: Context) {
    return this.filtered(h, ctx, [HandoffItemStatus.OPEN], customer);
  }
}

@Resolver(() => HandoffItem)
export class HandoffItemResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'What the item is about: a customer, contact, case or commitment.' })
  async refersTo(@Root() i: HandoffItemRecord, @Ctx() ctx: Context) {
    const target = await ctx.loaders.targetOfItem.load(i.id);
    return target?.record ?? null;
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer this item belongs to.' })
  customer(@Root() i: HandoffItemRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customerOfItem.load(i.id);
  }

  @FieldResolver(() => Engineer, { nullable: true, description: 'The successor who must do it.' })
  assignee(@Root() i: HandoffItemRecord, @Ctx() ctx: Context) {
    return ctx.loaders.assigneeOfItem.load(i.id);
  }

  @FieldResolver(() => Handoff)
  handoff(@Root() i: HandoffItemRecord, @Ctx() ctx: Context) {
    return ctx.loaders.handoffOfItem.load(i.id);
  }
}
