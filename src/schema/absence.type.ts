import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { Engineer } from './engineer.type';
import { IdOf } from './field-spec.validator';

export enum AbsenceReason {
  VACATION = 'VACATION',
  LEAVE = 'LEAVE',
  TRAINING = 'TRAINING',
  OTHER = 'OTHER',
}
registerEnumType(AbsenceReason, { name: 'AbsenceReason', description: 'Why an engineer is away for a period.' });

@ObjectType({
  description:
    'A dated period in which an engineer is away (vacation, leave, training), and who covers. During it the escalation path skips him.',
})
export class Absence {
  @Field(() => ID)
  id!: string;

  @Field(() => Engineer, { description: 'Who is away.' })
  engineer!: Engineer;

  @Field(() => AbsenceReason)
  reason!: AbsenceReason;

  @Field(() => DateTimeScalar)
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First instant back; null = until further notice.' })
  to?: string | null;

  @Field(() => [Engineer], { description: 'Who stands in during the absence.' })
  coveredBy!: Engineer[];

  @Field(() => ID, { nullable: true, description: 'The VACATION handoff that recorded it, if any.' })
  handoffId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => Boolean, { description: "Whether it is under way at the request's time." })
  current!: boolean;
}

@InputType({ description: 'Records a period in which an engineer is away.' })
export class RecordAbsenceInput {
  @Field(() => ID)
  @IdOf('Engineer')
  engineerId!: string;

  @Field(() => AbsenceReason)
  reason!: AbsenceReason;

  @Field(() => DateTimeScalar)
  from!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First instant back; null = until further notice.' })
  to?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Who covers (engineer ids).' })
  coverEngineerIds?: string[] | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
