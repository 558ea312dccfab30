import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, MaxLength, MinLength } from 'class-validator';
import { DateTimeScalar } from './date-time.scalar';

@ObjectType({ description: 'An API key of an application. The token itself is shown only once, when created.' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [ID], { description: 'Regions the key is limited to (with their sub-regions); empty for ADMIN keys.' })
  regions!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: string;

  @Field()
  createdBy!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt?: string | null;

  @Field(() => String, { nullable: true })
  revokedBy?: string | null;
}

@ObjectType({ description: 'A new API key and its token, shown this once.' })
export class CreatedApiKey {
  @Field(() => ApiKey)
  key!: ApiKey;

  @Field({ description: 'Send as "Authorization: Bearer <token>". Store it now: it cannot be shown again.' })
  token!: string;
}

@InputType({ description: 'A new API key: its name, roles and regions.' })
export class CreateApiKeyInput {
  @Field()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @Field(() => [String], { description: 'VIEWER, ACCOUNT_MANAGER, SERVICE_MANAGER or ADMIN.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  roles!: string[];

  @Field(() => [ID], { nullable: true, description: 'Required unless the key is ADMIN.' })
  @ArrayMaxSize(300)
  regions?: string[] | null;
}
