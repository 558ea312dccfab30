import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from './node.interface';

export enum SearchKind {
  Customer = 'Customer',
  Contact = 'Contact',
  Engineer = 'Engineer',
  Device = 'Device',
}
registerEnumType(SearchKind, { name: 'SearchKind' });

@ObjectType({ description: 'A customer, contact or engineer whose name matched, or a device whose serial matched.' })
export class SearchHit {
  @Field(() => SearchKind)
  kind!: SearchKind;

  @Field(() => Node)
  node!: Node;

  @Field({ description: 'The name (or, for a device, the serial) that matched.' })
  matched!: string;
}
