import { Field, ID, InputType } from 'type-graphql';
import { CustomerTier } from './enums';
import { FlagCode } from './attention.type';

@InputType({ description: 'All given conditions must hold.' })
export class AttentionFilter {
  @Field(() => ID, { nullable: true, description: 'Customers in this region or any of its sub-regions.' })
  region?: string | null;

  @Field(() => CustomerTier, { nullable: true })
  tier?: CustomerTier | null;

  @Field(() => FlagCode, { nullable: true, description: 'Only customers that have this flag.' })
  flag?: FlagCode | null;

  @Field(() => ID, { nullable: true, description: 'Customers this engineer currently covers (any role).' })
  engineer?: string | null;
}
