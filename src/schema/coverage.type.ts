import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CoverageRole } from './enums';
import { DateTimeScalar } from './date-time.scalar';
import { Customer } from './customer.type';
import { Engineer } from './engineer.type';
import { Connection } from './page-info.type';

@ObjectType({ description: 'An engineer covering a customer in a role, from `from` until `to` (null = still).' })
export class Coverage {
  @Field(() => ID)
  id!: string;

  @Field(() => CoverageRole)
  role!: CoverageRole;

  @Field(() => Engineer)
  engineer!: Engineer;

  @Field(() => Customer)
  customer!: Customer;

  @Field(() => DateTimeScalar)
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Who made the assignment.' })
  assignedBy?: string | null;

  @Field({ description: 'Whether the coverage is current now.' })
  current!: boolean;
}

export const CoverageConnection = Connection(Coverage, 'Coverage');
export type CoverageConnection = InstanceType<typeof CoverageConnection>;

@ObjectType({ description: 'One step of whom to call, in order.' })
export class EscalationStep {
  @Field(() => Int, { description: 'Position among the steps one can call (0 when skipped).' })
  order!: number;

  @Field(() => CoverageRole)
  role!: CoverageRole;

  @Field(() => Engineer)
  engineer!: Engineer;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Why this step cannot be used (e.g. on leave); null when callable.' })
  skippedBecause?: string | null;
}
