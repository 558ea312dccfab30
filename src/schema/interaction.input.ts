import { ArrayMaxSize, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { IdOf, Spec } from './field-spec.validator';
import { InteractionChannel } from './enums';

@InputType({ description: 'A visit, call, e-mail, meeting or message by one of our engineers with contacts at a customer.' })
export class LogInteractionInput {
  @Field(() => ID, { nullable: true, description: 'Optional int_… id of your own.' })
  @IdOf('Interaction')
  id?: string | null;

  @Field(() => ID)
  @IdOf('Engineer')
  engineerId!: string;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => [ID], { description: 'The contacts at the customer who took part.' })
  @IdOf('Contact', { each: true })
  @ArrayMaxSize(100, { message: 'must have at most 100 entries' })
  contactIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The case it was about; with contacts it counts as a customer update.' })
  @IdOf('Case')
  caseId?: string | null;

  @Field(() => InteractionChannel)
  channel!: InteractionChannel;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  @Spec('interactions', { required: true })
  summary!: string;
}

@InputType({ description: 'A promise to a customer, due at `dueAt`.' })
export class MakeCommitmentInput {
  @Field(() => ID, { nullable: true, description: 'Optional com_… id of your own.' })
  @IdOf('Commitment')
  id?: string | null;

  @Field(() => ID, { description: 'The engineer who made the promise.' })
  @IdOf('Engineer')
  engineerId!: string;

  @Field(() => ID)
  @IdOf('Customer')
  customerId!: string;

  @Field(() => ID, { nullable: true })
  @IdOf('Case')
  caseId?: string | null;

  @Field()
  @Spec('commitments')
  text!: string;

  @Field(() => DateTimeScalar)
  dueAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was promised (default now).' })
  madeAt?: string | null;
}

/** How an OPEN commitment ends: the subset of CommitmentStatus a resolution may set. */
export enum CommitmentResolution {
  KEPT = 'KEPT',
  BROKEN = 'BROKEN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CommitmentResolution, { name: 'CommitmentResolution', description: 'How an OPEN commitment ends.' });

@ArgsType()
export class ResolveCommitmentArgs {
  @Field(() => ID)
  @IdOf('Commitment')
  id!: string;

  @Field(() => CommitmentResolution)
  status!: CommitmentResolution;

  @Field(() => String, { nullable: true, description: 'What happened; tell the customer before, not after.' })
  @MaxLength(2000, { message: 'must be at most 2000 characters' })
  note?: string | null;
}
