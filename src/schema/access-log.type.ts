import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './date-time.scalar';
import { Connection } from './page-info.type';

@ObjectType({ description: 'One unmasked read of personal data: who read which field of whom, when, through which operation.' })
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field({ description: 'The caller (key:<id>, user:<sub>, local-dev).' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'The API key used, if any.' })
  keyId?: string | null;

  @Field(() => ID, { description: 'The contact or engineer whose data was read.' })
  entityId!: string;

  @Field({ description: 'Contact or Engineer.' })
  entityLabel!: string;

  @Field({ description: 'phone or email.' })
  field!: string;

  @Field({ description: 'The GraphQL operation name ("anonymous query" when it has none) or the HTTP route.' })
  operation!: string;

  @Field({ description: 'The x-request-id of the request.' })
  requestId!: string;
}

export const AccessLogConnection = Connection(AccessLogEntry, 'AccessLog');
export type AccessLogConnection = InstanceType<typeof AccessLogConnection>;
