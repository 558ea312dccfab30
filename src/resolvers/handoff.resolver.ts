import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { HandoffItemRecord, HandoffRecord } from '../graph/records';
import { Customer } from '../schema/customer.type';
import { Engineer } from '../schema/engineer.type';
import { HandoffItemStatus } from '../schema/enums';
import { Handoff, HandoffItem } from '../schema/handoff.type';
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

  @FieldResolver(() => [HandoffItem])
  async items(
    @Root() h: HandoffRecord,
    @Arg('status', () => [HandoffItemStatus], { nullable: true }) status: HandoffItemStatus[] | null,
    @Ctx() ctx: Context,
  ) {
    const items = await ctx.loaders.itemsOfHandoff.load(h.id);
    return status?.length ? items.filter((i) => status.includes(i.status as HandoffItemStatus)) : items;
  }

  @FieldResolver(() => [HandoffItem], { description: 'Items neither done nor waived: what this handoff left open.' })
  async openItems(@Root() h: HandoffRecord, @Ctx() ctx: Context) {
    const items = await ctx.loaders.itemsOfHandoff.load(h.id);
    return items.filter((i) => i.status === HandoffItemStatus.OPEN);
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
