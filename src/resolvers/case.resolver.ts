import { isCurrentAt } from '../domain/coverage';
import { periodState } from '../domain/invariants';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { maintenanceStatus } from '../domain/maintenance';
import type { CaseRecord, CommitmentRecord, DeviceRecord, InteractionRecord, OwnershipRecord, RegionRecord } from '../graph/records';
import { Case, CaseOwnership } from '../schema/case.type';
import { Contact } from '../schema/contact.type';
import { Customer } from '../schema/customer.type';
import { Device } from '../schema/device.type';
import { Engineer } from '../schema/engineer.type';
import { CommitmentStatus, MaintenanceStatus, RecordStatus } from '../schema/enums';
import { Commitment, Interaction } from '../schema/interaction.type';
import { Region } from '../schema/region.type';

@Resolver(() => Case)
export class CaseResolver {
  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customerOfCase.load(k.id);
  }

  @FieldResolver(() => Device, { nullable: true })
  device(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.deviceOfCase.load(k.id);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact who raised it.' })
  raisedBy(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.raisedByOfCase.load(k.id);
  }

  @FieldResolver(() => Engineer, {
    nullable: true,
    description: 'The one engineer who owns the case now (null = nobody: a problem for an open case).',
  })
  async owner(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    const owners = await ctx.loaders.ownershipsOfCase.load(k.id);
    const current = owners.find((o) => isCurrentAt(o, ctx.now));
    return current ? ctx.loaders.engineer.load(current.engineerId) : null;
  }

  @FieldResolver(() => [CaseOwnership], {
    description: 'Every ownership, newest first (a scheduled one, starting later, comes first with scheduled: true).',
  })
  ownershipHistory(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.ownershipsOfCase.load(k.id);
  }

  @FieldResolver(() => [Engineer], { description: 'Everyone who worked on the case.' })
  workedOnBy(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.workersOfCase.load(k.id);
  }

  @FieldResolver(() => [Interaction])
  interactions(@Root() k: CaseRecord, @Ctx() ctx: Context) {
    return ctx.loaders.interactionsOfCase.load(k.id);
  }
}

@Resolver(() => CaseOwnership)
export class CaseOwnershipResolver {
  @FieldResolver(() => Boolean, { description: "Whether this is the ownership at the request's time." })
  current(@Root() o: OwnershipRecord, @Ctx() ctx: Context) {
    return periodState(o, ctx.now) === 'CURRENT';
  }

  @FieldResolver(() => Boolean, { description: 'Whether it starts later (e.g. a handoff effective in the future): not the owner yet.' })
  scheduled(@Root() o: OwnershipRecord, @Ctx() ctx: Context) {
    return periodState(o, ctx.now) === 'SCHEDULED';
  }

  @FieldResolver(() => Engineer)
  engineer(@Root() o: OwnershipRecord, @Ctx() ctx: Context) {
    return ctx.loaders.engineer.load(o.engineerId);
  }
}

@Resolver(() => Device)
export class DeviceResolver {
  @FieldResolver(() => MaintenanceStatus)
  maintenanceStatus(@Root() d: DeviceRecord, @Ctx() ctx: Context) {
    return maintenanceStatus(d.maintenanceUntil, ctx.now);
  }

  @FieldResolver(() => RecordStatus)
  status(@Root() d: DeviceRecord) {
    return d.status ?? RecordStatus.ACTIVE;
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() d: DeviceRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customerOfDevice.load(d.id);
  }

  @FieldResolver(() => [Case])
  cases(@Root() d: DeviceRecord, @Ctx() ctx: Context) {
    return ctx.loaders.casesOfDevice.load(d.id);
  }
}

@Resolver(() => Interaction)
export class InteractionResolver {
  @FieldResolver(() => Engineer, { nullable: true, description: 'Our engineer who had the interaction.' })
  engineer(@Root() i: InteractionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.engineerOfInteraction.load(i.id);
  }

  @FieldResolver(() => [Contact])
  contacts(@Root() i: InteractionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.contactsOfInteraction.load(i.id);
  }

  @FieldResolver(() => Case, { nullable: true })
  case(@Root() i: InteractionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.caseOfInteraction.load(i.id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() i: InteractionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customerOfInteraction.load(i.id);
  }
}

@Resolver(() => Commitment)
export class CommitmentResolver {
  @FieldResolver(() => Boolean)
  overdue(@Root() m: CommitmentRecord, @Ctx() ctx: Context) {
    return m.status === CommitmentStatus.OPEN && new Date(m.dueAt) < ctx.now;
  }

  @FieldResolver(() => Engineer, { nullable: true, description: 'Who made the promise.' })
  engineer(@Root() m: CommitmentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.engineerOfCommitment.load(m.id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() m: CommitmentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.customerOfCommitment.load(m.id);
  }

  @FieldResolver(() => Case, { nullable: true, description: 'The case the promise is about, if any.' })
  case(@Root() m: CommitmentRecord, @Ctx() ctx: Context) {
    return ctx.loaders.caseOfCommitment.load(m.id);
  }
}

@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() r: RegionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.parentOfRegion.load(r.id);
  }

  @FieldResolver(() => [Region], { description: 'Direct sub-regions.' })
  subRegions(@Root() r: RegionRecord, @Ctx() ctx: Context) {
    return ctx.loaders.childrenOfRegion.load(r.id);
  }
}
