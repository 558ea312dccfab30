import { MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf, Spec } from './field-spec.validator';
import { OperationKind, OperationOutcome, OperationRisk } from './enums';

@InputType({
  description: 'A planned operation on a device. Risk defaults by kind (UPGRADE and ALARM_MASK are HIGH); an UPGRADE names its toVersion.',
})
export class PlanOperationInput {
  @Field(() => ID, { nullable: true, description: 'Optional opr_… id of your own.' })
  @IdOf('Operation')
  id?: string | null;

  @Field(() => ID)
  @IdOf('Device')
  deviceId!: string;

  @Field(() => OperationKind)
  kind!: OperationKind;

  @Field(() => OperationRisk, { nullable: true, description: "Default: the kind's risk." })
  risk?: OperationRisk | null;

  @Field(() => String, { nullable: true })
  @Spec('operations')
  title?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  plannedFrom?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  plannedTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'The engineer who performs it (own or partner staff).' })
  @IdOf('Engineer')
  performedById?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Customer contacts who must be informed: on-duty staff and their supervisor.' })
  @IdOf('Contact', { each: true })
  informedIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "The case it belongs to (a case of the device's customer)." })
  @IdOf('Case')
  caseId?: string | null;

  @Field(() => String, { nullable: true, description: "Default: the device's current software version." })
  @Spec('operations')
  fromVersion?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('operations')
  toVersion?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(4000, { message: 'must be at most 4000 characters' })
  note?: string | null;
}

@ArgsType()
export class AuthoriseOperationArgs {
  @Field(() => ID)
  @IdOf('Operation')
  id!: string;

  @Field(() => ID, {
    description:
      'A contact (customer side: SUPERVISOR, MANAGER or EXECUTIVE working at the customer) or an engineer (our side: covers the customer as SERVICE_MANAGER or PRODUCT_LEAD).',
  })
  @IdOf(['Contact', 'Engineer'])
  byId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now.' })
  at?: string | null;
}

@ArgsType()
export class RecordCompatibilityCheckArgs {
  @Field(() => ID)
  @IdOf('Operation')
  id!: string;

  @Field(() => ID, { description: 'The engineer who checked that the versions are compatible.' })
  @IdOf('Engineer')
  checkedById!: string;

  @Field(() => String, { nullable: true })
  @Spec('operations')
  fromVersion?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('operations')
  toVersion?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  at?: string | null;
}

@ArgsType()
export class OperationStepArgs {
  @Field(() => ID)
  @IdOf('Operation')
  id!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Default now.' })
  at?: string | null;
}

@ArgsType()
export class CompleteOperationArgs extends OperationStepArgs {
  @Field(() => OperationOutcome, { nullable: true, description: 'Default SUCCESS.' })
  outcome?: OperationOutcome | null;

  @Field(() => String, { nullable: true })
  @MaxLength(4000, { message: 'must be at most 4000 characters' })
  note?: string | null;
}

@ArgsType()
export class RollBackOperationArgs extends OperationStepArgs {
  @Field(() => String)
  @MaxLength(4000, { message: 'must be at most 4000 characters' })
  reason!: string;
}

@ArgsType()
export class ExpertsArgs {
  @Field(() => String, { nullable: true, description: 'A device model, exactly as on the devices (e.g. OSN 8800).' })
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'A product line, exactly as on the devices.' })
  productLine?: string | null;

  @Field(() => ID, { nullable: true, description: "The customer's region: nearer engineers rank higher." })
  @IdOf('Region')
  regionId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size forwards, 0..200 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size backwards, 0..200.' })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

@ArgsType()
export class InformOperationContactsArgs {
  @Field(() => ID)
  @IdOf('Operation')
  id!: string;

  @Field(() => [ID])
  @IdOf('Contact', { each: true })
  contactIds!: string[];
}
