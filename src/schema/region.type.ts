import { Field, ObjectType } from 'type-graphql';
import { Node } from './node.interface';
import { RegionKind } from './enums';

@ObjectType({ implements: Node, description: 'A province, a city, or one of our regional offices.' })
export class Region extends Node {
  @Field()
  name!: string;

  @Field(() => RegionKind)
  kind!: RegionKind;
}
