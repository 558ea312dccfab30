import { Field, Int, ObjectType } from 'type-graphql';
import { Customer } from './customer.type';
import { Connection } from './page-info.type';
import { Node } from './node.interface';
import { HandoffItemKind, HandoffItemStatus, HandoffReason, HandoffStatus } from './enums';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({ implements: Node, description: "One engineer's work passed to one or more successors." })
export class Handoff extends Node {
  @Field(() => HandoffReason)
  reason!: HandoffReason;

  @Field(() => HandoffStatus)
  status!: HandoffStatus;

  @Field(() => DateTimeScalar, { description: 'When coverage and ownership pass to the successors.' })
  effectiveAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'VACATION only: when the temporary cover ends by itself.' })
  until?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  createdAt?: string | null;

  @Field(() => String, { nullable: true })
  createdBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed or cancelled.' })
  completedAt?: string | null;

  @Field(() => String, { nullable: true })
  completedBy?: string | null;

  @Field(() => Boolean, { description: 'Completed with items still open (force).' })
  forced!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was force-completed or cancelled.' })
  closeReason?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'Counts of a handoff checklist and which customers it has fully handed over.' })
export class HandoffSummary {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  waived!: number;

  @Field(() => [Customer], { description: 'Customers whose every item is done or waived.' })
  customersFullyHandedOver!: Customer[];

  @Field(() => [Customer], { description: 'Customers with at least one open item.' })
  customersWithOpenItems!: Customer[];
}

@ObjectType({ implements: Node, description: 'One line of a handoff checklist.' })
export class HandoffItem extends Node {
  @Field(() => HandoffItemKind)
  kind!: HandoffItemKind;

  @Field(() => HandoffItemStatus)
  status!: HandoffItemStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  doneAt?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  createdAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Who completed or waived it.' })
  doneBy?: string | null;

  @Field(() => Int, { nullable: true, description: 'Position in the checklist.' })
  seq?: number | null;
}

export const HandoffItemConnection = Connection(HandoffItem, 'HandoffItem');
export type HandoffItemConnection = InstanceType<typeof HandoffItemConnection>;
