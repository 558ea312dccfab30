import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FLAG_DESCRIPTIONS, FlagCode } from '../domain/flags';
import { Customer } from './customer.type';
import { Connection } from './page-info.type';

registerEnumType(FlagCode, {
  name: 'Flag',
  description: 'Why a customer needs attention. Each value is explained in docs/api.md ("Attention list").',
  valuesConfig: Object.fromEntries(Object.values(FlagCode).map((code) => [code, { description: FLAG_DESCRIPTIONS[code] }])) as Record<
    FlagCode,
    { description: string }
  >,
});

export { FlagCode };

@ObjectType({
  description:
    'The entity ids and numbers behind a flag. Fields a flag does not speak about are null. ' +
    'Hours and days are whole (elapsed time rounded down); `limit` is the threshold exceeded, in the unit of hours or days.',
})
export class FlagEvidence {
  @Field(() => [ID], { nullable: true })
  caseIds?: string[];

  @Field(() => [ID], { nullable: true })
  engineerIds?: string[];

  @Field(() => [ID], { nullable: true })
  contactIds?: string[];

  @Field(() => [ID], { nullable: true })
  deviceIds?: string[];

  @Field(() => [ID], { nullable: true })
  handoffItemIds?: string[];

  @Field(() => [ID], { nullable: true })
  commitmentIds?: string[];

  @Field(() => [ID], { nullable: true })
  interactionIds?: string[];

  @Field(() => Int, { nullable: true, description: 'The worst case among the entities (longest silence, most overdue, oldest...).' })
  hours?: number;

  @Field(() => Int, { nullable: true })
  days?: number;

  @Field(() => Int, { nullable: true })
  count?: number;

  @Field(() => Float, { nullable: true, description: 'The threshold that was exceeded, in the unit of hours or days.' })
  limit?: number;

  @Field(() => Int, { nullable: true, description: 'ENGINEER_OVERLOADED: customers the primary covers.' })
  customerCount?: number;

  @Field(() => Int, { nullable: true, description: 'ENGINEER_OVERLOADED: regions the primary covers.' })
  regionCount?: number;

  @Field(() => Int, { nullable: true })
  maxCustomers?: number;

  @Field(() => Int, { nullable: true })
  maxRegions?: number;
}

@ObjectType({ description: 'One reason a customer needs attention, with its evidence.' })
export class CustomerFlag {
  @Field(() => FlagCode)
  code!: FlagCode;

  @Field({ description: 'What is wrong, in one sentence naming the entities.' })
  message!: string;

  @Field(() => Int, { description: 'The weight of this flag in the severity score.' })
  weight!: number;

  @Field(() => FlagEvidence)
  evidence!: FlagEvidence;
}

@ObjectType({ description: 'A customer on the attention list: its score and every flag, heaviest first.' })
export class AttentionRow {
  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Float, { description: 'Sum of the weights of its flags times the tier multiplier (VIP 1.5, KEY 1.2, STANDARD 1).' })
  score!: number;

  @Field(() => [CustomerFlag])
  flags!: CustomerFlag[];
}

export const AttentionConnection = Connection(AttentionRow, 'Attention');
export type AttentionConnection = InstanceType<typeof AttentionConnection>;
