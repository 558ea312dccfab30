import { ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay page information (Relay Cursor Connections specification).' })
export class PageInfo {
  @Field({ description: 'Whether the list holds items before this page.' })
  hasPreviousPage!: boolean;

  @Field({ description: 'Whether the list holds items after this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor (null when the page is empty)." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor (null when the page is empty)." })
  endCursor!: string | null;
}

/** An empty page of any connection. */
export const emptyConnection = () => ({
  edges: [],
  totalCount: 0,
  pageInfo: { hasPreviousPage: false, hasNextPage: false, startCursor: null, endCursor: null },
});

/** A Relay connection type for `T` (edges with cursors, pageInfo, totalCount). */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One item of a ${name}Connection page, with its cursor.` })
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay Cursor Connections specification).` })
  class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All matches, not just this page.' })
    totalCount!: number;
  }
  return ConnectionClass;
}
