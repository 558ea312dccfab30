import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Who is asking: the caller this request was authenticated as.' })
export class Viewer {
  @Field({ description: 'The name in the change history and logs: key:<id>, user:<sub>, or local-dev.' })
  actor!: string;

  @Field({ description: 'api-key, user, or local-dev (authentication off).' })
  kind!: string;

  @Field(() => [String], { description: 'Granted roles: VIEWER, ACCOUNT_MANAGER, SERVICE_MANAGER, ADMIN.' })
  roles!: string[];

  @Field(() => [String], { nullable: true, description: 'Region ids granted; null means every region.' })
  regions!: string[] | null;

  @Field({ description: 'Whether this caller sees phones and e-mails in clear.' })
  seesPersonalData!: boolean;

  @Field({ description: 'Whether this caller may change cases, interactions, commitments and handoffs.' })
  mayWrite!: boolean;

  @Field({ description: 'False in local development mode (authentication off, everyone is ADMIN).' })
  authenticated!: boolean;
}
