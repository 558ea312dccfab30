import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { CaseKind, CaseSeverity, CaseStatus } from './enums';
import { DateTimeScalar } from './date-time.scalar';
import { Engineer } from './engineer.type';

@ObjectType({ implements: Node, description: 'A fault, complaint, service request or change.' })
export class Case extends Node {
  @Field(() => String, { nullable: true, description: 'The human case number, e.g. C-2025-0611.' })
  number?: string | null;

  @Field()
  title!: string;

  @Field(() => CaseKind)
  kind!: CaseKind;

  @Field(() => CaseSeverity)
  severity!: CaseSeverity;

  @Field(() => CaseStatus)
  status!: CaseStatus;

  @Field(() => DateTimeScalar)
  openedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  respondedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer last heard from us about this case.' })
  lastCustomerUpdateAt?: string | null;
}

@ObjectType({ description: 'A period in which an engineer owned a case (OWNED_BY).' })
export class CaseOwnership {
  @Field(() => Engineer)
  engineer!: Engineer;

  @Field(() => DateTimeScalar)
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: string | null;
}
