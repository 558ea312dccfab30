import path from 'node:path';
import { isInterfaceType, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { REPO_ROOT } from './paths';
import { resolvers } from './resolvers';
import { guardSchema } from './auth/guard.middleware';
import { resolveNodeType } from './schema/node.interface';

/**
 * type-graphql wants a PubSub once a schema has a subscription. Rapport's subscriptions use their own
 * `subscribe` functions over the event feed (src/events/feed.ts): topic-based ones are refused.
 */
const NO_TOPICS = {
  publish(): void {
    throw new Error('Rapport publishes events through the outbox (src/events/outbox.ts), not PubSub topics');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Rapport subscriptions read the event feed (src/events/feed.ts), not PubSub topics');
  },
};

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema.graphql');

/** The executable schema. `emitTo` writes the SDL file (schema.graphql is committed). */
export async function buildRapportSchema(opts: { emitTo?: string } = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    emitSchemaFile: opts.emitTo ? { path: opts.emitTo, sortedSchema: false } : false,
    pubSub: NO_TOPICS,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  // type-graphql wraps every resolveType in an async function; the compiled executor
  // (src/graphql-executor.ts) needs the type at once, and Node's is known synchronously.
  const node = schema.getType('Node');
  if (isInterfaceType(node)) node.resolveType = (value) => resolveNodeType(value as { id: string });
  // The role and region guard around every field (src/auth/guard.middleware.ts).
  return guardSchema(schema);
}
