import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { CommitmentStatus, InteractionChannel } from './enums';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({ implements: Node, description: 'A visit, call, e-mail, meeting or message with contacts.' })
export class Interaction extends Node {
  @Field(() => DateTimeScalar)
  at!: string;

  @Field(() => InteractionChannel)
  channel!: InteractionChannel;

  @Field(() => String, { nullable: true })
  summary?: string | null;
}

@ObjectType({ implements: Node, description: 'A promise made to a customer, with a due time.' })
export class Commitment extends Node {
  @Field()
  text!: string;

  @Field(() => DateTimeScalar)
  dueAt!: string;

  @Field(() => CommitmentStatus)
  status!: CommitmentStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  madeAt?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt?: string | null;

  @Field({ description: 'Still OPEN after its due time.' })
  overdue!: boolean;
}
