import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from './node.interface';

export enum SearchKind {
  Customer = 'Customer',
  Contact = 'Contact',
  Engineer = 'Engineer',
}
registerEnumType(SearchKind, { name: 'SearchKind', description: 'The kinds of record a search can return, by type name.' });

@ObjectType({ description: 'A customer, contact or engineer whose name matched.' })
export class SearchHit {
  @Field(() => SearchKind)
  kind!: SearchKind;

  @Field(() => Node)
  node!: Node;

  @Field({ description: 'The name that matched.' })
  matched!: string;
}
