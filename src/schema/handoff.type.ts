import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { HandoffItemKind, HandoffItemStatus, HandoffReason, HandoffStatus } from './enums';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({ implements: Node, description: "One engineer's work passed to one or more successors." })
export class Handoff extends Node {
  @Field(() => HandoffReason)
  reason!: HandoffReason;

  @Field(() => HandoffStatus)
  status!: HandoffStatus;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;
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
}
