import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Customer } from './customer.type';
import { DateTimeScalar } from './date-time.scalar';
import { Engineer } from './engineer.type';
import { CoverageRole, HandoffItemKind, HandoffItemStatus, HandoffReason } from './enums';
import { Case } from './case.type';
import { Node } from './node.interface';

export enum HandoffWarningCode {
  CUSTOMER_LEFT_WITHOUT_PRIMARY = 'CUSTOMER_LEFT_WITHOUT_PRIMARY',
  CUSTOMER_NOT_HANDED_OVER = 'CUSTOMER_NOT_HANDED_OVER',
  SUCCESSOR_OVERLOADED = 'SUCCESSOR_OVERLOADED',
  SUCCESSOR_NOT_ACTIVE = 'SUCCESSOR_NOT_ACTIVE',
  CASE_PAST_SLA = 'CASE_PAST_SLA',
  EMPTY_PORTFOLIO = 'EMPTY_PORTFOLIO',
}
registerEnumType(HandoffWarningCode, { name: 'HandoffWarningCode', description: 'What a handoff plan warns about.' });

@InputType({ description: 'A successor and the customers he takes; without customerIds he takes all the others.' })
export class SuccessorInput {
  @Field(() => ID)
  engineerId!: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  customerIds?: string[] | null;
}

@InputType({ description: 'Who hands over, why, and the successors chosen so far.' })
export class PlanHandoffInput {
  @Field(() => ID, { description: 'The engineer who hands over.' })
  outgoingEngineerId!: string;

  @Field(() => [SuccessorInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  successors!: SuccessorInput[];

  @Field(() => HandoffReason)
  reason!: HandoffReason;

  @Field(() => DateTimeScalar, { description: 'When coverage passes to the successors.' })
  effectiveAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'VACATION only: when the cover ends.' })
  until?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

@InputType({ description: 'Open handoff items, optionally narrowed.' })
export class OpenHandoffItemsFilter {
  @Field(() => ID, { nullable: true, description: "The customer's region, including sub-regions." })
  region?: string | null;

  @Field(() => ID, { nullable: true, description: 'The outgoing engineer or the successor who must do it.' })
  engineer?: string | null;

  @Field(() => HandoffItemKind, { nullable: true })
  kind?: HandoffItemKind | null;

  @Field(() => Int, { nullable: true, description: 'Only items created more than this many days ago.' })
  olderThanDays?: number | null;
}

@ObjectType({ description: 'One checklist line of a plan (not stored yet).' })
export class PlannedHandoffItem {
  @Field(() => Int)
  seq!: number;

  @Field(() => HandoffItemKind)
  kind!: HandoffItemKind;

  @Field(() => HandoffItemStatus)
  status!: HandoffItemStatus;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Node, { nullable: true })
  refersTo!: Node | null;

  @Field(() => Engineer)
  assignee!: Engineer;
}

@ObjectType({ description: 'Which successor takes a customer, in which roles.' })
export class HandoffAssignment {
  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Engineer)
  successor!: Engineer;

  @Field(() => [CoverageRole], { description: 'Roles the successor receives (VACATION: PRIMARY becomes BACKUP).' })
  roles!: CoverageRole[];

  @Field(() => DateTimeScalar, { description: "When the successor's coverage begins (the effective time)." })
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends by itself (VACATION: `until`); null = open-ended.' })
  until?: string | null;
}

@ObjectType({ description: 'Something in a handoff plan that needs a decision before it starts.' })
export class HandoffWarning {
  @Field(() => HandoffWarningCode)
  code!: HandoffWarningCode;

  @Field()
  message!: string;

  @Field(() => Customer, { nullable: true })
  customer?: Customer | null;

  @Field(() => Engineer, { nullable: true })
  engineer?: Engineer | null;

  @Field(() => Case, { nullable: true, name: 'case' })
  kase?: Case | null;
}

@ObjectType({ description: 'A handoff preview: the checklist and the warnings. Nothing is written.' })
export class HandoffPlan {
  @Field(() => Engineer)
  outgoing!: Engineer;

  @Field(() => [Engineer])
  successors!: Engineer[];

  @Field(() => HandoffReason)
  reason!: HandoffReason;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  until?: string | null;

  @Field(() => [HandoffAssignment])
  assignments!: HandoffAssignment[];

  @Field(() => [PlannedHandoffItem])
  items!: PlannedHandoffItem[];

  @Field(() => [HandoffWarning])
  warnings!: HandoffWarning[];
}
