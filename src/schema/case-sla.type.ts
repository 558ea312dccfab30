import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({
  description:
    "A case's SLA clock at the request's time, from the SLA policy (case kind x severity x customer tier). " +
    'Calendar hours from openedAt; WAITING_CUSTOMER does not stop the clock.',
})
export class CaseSla {
  @Field(() => DateTimeScalar, { description: 'openedAt + the time allowed to respond.' })
  responseDueAt!: string;

  @Field(() => DateTimeScalar, { description: 'openedAt + the time allowed to resolve.' })
  resolveDueAt!: string;

  @Field({ description: 'Responded late, or still unanswered after responseDueAt.' })
  responseBreached!: boolean;

  @Field({ description: 'Open past resolveDueAt, or resolved after it.' })
  resolveBreached!: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Hours to the next unmet due time (response, else resolution); negative when past; null when the case is closed.',
  })
  remaining!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours since the customer last heard from us about the case (null when closed).' })
  silentForHours!: number | null;

  @Field(() => Float, { description: 'The longest silence allowed for this case, in hours.' })
  silenceLimitHours!: number;

  @Field({ description: 'The customer has been without an update for longer than silenceLimitHours.' })
  silenceBreached!: boolean;
}
