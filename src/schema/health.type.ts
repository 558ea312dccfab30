import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Whether the service and its store answer.' })
export class Health {
  @Field({ description: 'Always true when the server answers.' })
  ok!: boolean;

  @Field({ description: 'The storage engine in use: embedded or neo4j.' })
  store!: string;

  @Field({ description: 'Whether the store answered a ping.' })
  storeReachable!: boolean;
}
