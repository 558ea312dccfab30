import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { CustomerTier, RecordStatus } from './enums';
import { Connection } from './page-info.type';

@ObjectType({ implements: Node, description: 'A carrier branch or enterprise we serve, e.g. China Mobile Urumqi.' })
export class Customer extends Node {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'The name in pinyin or English, when the name is Chinese.' })
  nameLatin?: string | null;

  @Field(() => CustomerTier)
  tier!: CustomerTier;

  @Field(() => String, { nullable: true, description: 'Market segment, e.g. carrier, enterprise, hotel.' })
  segment?: string | null;

  @Field(() => RecordStatus)
  status!: RecordStatus;
}

export const CustomerConnection = Connection(Customer, 'Customer');
export type CustomerConnection = InstanceType<typeof CustomerConnection>;
