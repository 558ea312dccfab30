import { Field, ID, InterfaceType } from 'type-graphql';
import { labelOfId } from '../domain/ids';

/** The object type of a Node: its id's prefix says it (cus_ → Customer). */
export const resolveNodeType = (value: { id: string }): string | undefined => labelOfId(value.id) ?? undefined;

@InterfaceType({
  description: 'Anything with a globally unique id. The id prefix says its kind (cus_, eng_, con_, ...).',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
