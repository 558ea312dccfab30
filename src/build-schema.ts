import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { REPO_ROOT } from './paths';
import { resolvers } from './resolvers';
import { Guard } from './auth/guard.middleware';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'schema.graphql');

/** The executable schema. `emitTo` writes the SDL file (schema.graphql is committed). */
export function buildRapportSchema(opts: { emitTo?: string } = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    emitSchemaFile: opts.emitTo ? { path: opts.emitTo, sortedSchema: false } : false,
    globalMiddlewares: [Guard],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
}
