import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf, Spec } from './field-spec.validator';
import { CaseKind, CaseSeverity, CaseStatus } from './enums';

@InputType({
  description:
    "A new case, status OPEN. Its owner is `ownerId`, or else the customer's current ACTIVE PRIMARY engineer; with neither the case is refused.",
})
export class OpenCaseInput {
  @Field(() => ID, { nullable: true, description: 'Optional cas_… id of your own.' })
  @IdOf('Case')
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'The human case number, e.g. C-2025-0611.' })
  @Spec('cases')
  number?: string | null;

  @Field()
  @Spec('cases')
  title!: string;

  @Field(() => CaseKind)
  kind!: CaseKind;

  @Field(() => CaseSeverity)
  severity!: CaseSeverity;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'A device installed at the customer.' })
  @IdOf('Device')
  deviceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The contact at the customer who raised it.' })
  @IdOf('Contact')
  raisedById?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Engineer')
  ownerId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now.' })
  openedAt?: string | null;
}

@InputType({
  description:
    'Only the fields you send change. Status moves are checked (a RESOLVED or CLOSED case reopens only with a reason); ' +
    'respondedAt and resolvedAt are set by the moves; customerUpdated: true records that the customer heard from us at `at`.',
})
export class UpdateCaseInput {
  @Field(() => ID)
  @IdOf('Case')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('cases')
  title?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('cases')
  number?: string | null;

  @Field(() => CaseKind, { nullable: true })
  kind?: CaseKind | null;

  @Field(() => CaseSeverity, { nullable: true })
  severity?: CaseSeverity | null;

  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus | null;

  @Field(() => String, { nullable: true, description: 'Why the status changes; required to reopen.' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  reason?: string | null;

  @Field(() => Boolean, { nullable: true })
  customerUpdated?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Device')
  deviceId?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Contact')
  raisedById?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the change happened (default now).' })
  at?: string | null;
}

@ArgsType()
export class AssignCaseOwnerArgs {
  @Field(() => ID)
  @IdOf('Case')
  caseId!: string;

  @Field(() => ID)
  @IdOf('Engineer')
  engineerId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the ownership changes hands (default now).' })
  at?: string | null;
}
