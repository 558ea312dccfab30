import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IdOf, Spec } from './field-spec.validator';
import { EngineerKind, EngineerStatus } from './enums';

@InputType({ description: 'A new engineer. `id` is optional: send a free eng_… id of your own, or one is generated.' })
export class CreateEngineerInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Engineer')
  id?: string | null;

  @Field()
  @Spec('engineers')
  name!: string;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  nameLatin?: string | null;

  @Field(() => EngineerKind)
  kind!: EngineerKind;

  @Field(() => EngineerStatus, { nullable: true, description: 'Default ACTIVE.' })
  status?: EngineerStatus | null;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  email?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50, { message: 'must have at most 50 entries' })
  @MaxLength(80, { each: true, message: 'entries must be at most 80 characters' })
  skills?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  regionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner company of a PARTNER engineer.' })
  @IdOf('Partner')
  partnerId?: string | null;
}

@InputType({ description: 'Only the fields you send change; null clears an optional field.' })
export class UpdateEngineerInput {
  @Field(() => ID)
  @IdOf('Engineer')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  nameLatin?: string | null;

  @Field(() => EngineerKind, { nullable: true })
  kind?: EngineerKind | null;

  @Field(() => EngineerStatus, { nullable: true })
  status?: EngineerStatus | null;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('engineers')
  email?: string | null;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(50, { message: 'must have at most 50 entries' })
  @MaxLength(80, { each: true, message: 'entries must be at most 80 characters' })
  skills?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  regionId?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Partner')
  partnerId?: string | null;
}
