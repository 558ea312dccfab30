import { Field, ID, InputType } from 'type-graphql';
import { IdOf, Spec } from './field-spec.validator';
import { CustomerTier, RecordStatus } from './enums';

@InputType({ description: 'A new customer. `id` is optional: send a free cus_… id of your own, or one is generated.' })
export class CreateCustomerInput {
  @Field(() => ID, { nullable: true })
  @IdOf('Customer')
  id?: string | null;

  @Field()
  @Spec('customers')
  name!: string;

  @Field(() => String, { nullable: true, description: 'The name in pinyin or English.' })
  @Spec('customers')
  nameLatin?: string | null;

  @Field(() => CustomerTier)
  tier!: CustomerTier;

  @Field(() => String, { nullable: true })
  @Spec('customers')
  segment?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  regionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The operator group or parent this customer is a branch of.' })
  @IdOf('Customer')
  parentId?: string | null;
}

@InputType({ description: 'Only the fields you send change; null clears an optional field.' })
export class UpdateCustomerInput {
  @Field(() => ID)
  @IdOf('Customer')
  id!: string;

  @Field(() => String, { nullable: true })
  @Spec('customers')
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Spec('customers')
  nameLatin?: string | null;

  @Field(() => CustomerTier, { nullable: true })
  tier?: CustomerTier | null;

  @Field(() => String, { nullable: true })
  @Spec('customers')
  segment?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Region')
  regionId?: string | null;

  @Field(() => ID, { nullable: true })
  @IdOf('Customer')
  parentId?: string | null;

  @Field(() => RecordStatus, { nullable: true, description: 'ACTIVE restores an archived customer.' })
  status?: RecordStatus | null;
}
