import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf } from './field-spec.validator';
import { CoverageRole } from './enums';

@InputType({ description: 'An engineer starts covering a customer in a role.' })
export class AssignCoverageInput {
  @Field(() => ID, { nullable: true, description: 'Optional cov_… id of your own.' })
  @IdOf('Coverage')
  id?: string | null;

  @Field(() => ID)
  @IdOf('Engineer')
  engineerId!: string;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => CoverageRole)
  role!: CoverageRole;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now.' })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Null = until further notice.' })
  to?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'End the clashing current coverage (e.g. the current PRIMARY) at `from` instead of refusing with CONFLICT.',
  })
  replaceCurrent?: boolean | null;
}

@InputType({ description: 'Ends a coverage at `at` (default now). History is kept.' })
export class EndCoverageInput {
  @Field(() => ID)
  @IdOf('Coverage')
  coverageId!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  at?: string | null;
}
