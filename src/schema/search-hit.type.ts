import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from './node.interface';

export enum SearchKind {
  Customer = 'Customer',
  Contact = 'Contact',
  Engineer = 'Engineer',
  Device = 'Device',
}
registerEnumType(SearchKind, { name: 'SearchKind', description: 'The kinds of record a search can return, by type name.' });

@ObjectType({
  description:
    'A customer, contact or engineer whose name matched; a device by model, serial or software version; an engineer by skill or by a model he resolved.',
})
export class SearchHit {
  @Field(() => SearchKind)
  kind!: SearchKind;

  @Field(() => Node)
  node!: Node;

  @Field({ description: 'The text that matched: a name, model, serial, version or skill, or "resolved <model>".' })
  matched!: string;
}
