import { Field, ID, InterfaceType } from 'type-graphql';
import { labelOfId } from '../domain/ids';

@InterfaceType({
  description: 'Anything with a globally unique id. The id prefix says its kind (cus_, eng_, con_, ...).',
  resolveType: (value: { id: string }) => labelOfId(value.id) ?? undefined,
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
