import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export const SUBSCRIPTION_OVER_HTTP = 'SUBSCRIPTION_NOT_SUPPORTED';

/**
 * Operations /graphql does not execute over an HTTP request: a `subscription` is refused with a
 * 400 and its own code before anything runs (subscriptions are a WebSocket matter, never a POST).
 * Persisted queries are switched off in src/server.ts: PERSISTED_QUERY_NOT_SUPPORTED, a 400 here.
 */
export function operationKindsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        // graphql-js 16's SingleFieldSubscriptionsRule collects the subscription's fields with no
        // variables while validating, and throws (a 500, not a validation error) on an @skip or
        // @include whose `if` is missing, a variable or not a boolean. A subscription is refused below
        // anyway, so such directives are dropped from a document that holds one before it is validated.
        async validationDidStart(requestContext) {
          const doc = requestContext.document;
          if (!doc?.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription')) return;
          (requestContext as unknown as { document: DocumentNode }).document = visit(doc, {
            Directive(node) {
              if (node.name.value !== 'skip' && node.name.value !== 'include') return undefined;
              const cond = node.arguments?.find((a) => a.name.value === 'if');
              return cond && cond.value.kind === Kind.BOOLEAN ? undefined : null;
            },
          });
        },
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served over an HTTP request: send a query or a mutation', {
              nodes: [operation],
              extensions: { code: SUBSCRIPTION_OVER_HTTP, http: { status: 400 } },
            });
          }
        },
        // Apollo answers PERSISTED_QUERY_NOT_SUPPORTED with a 200; it is the client's request that
        // cannot be served, so it is a 400 like every other client mistake.
        async willSendResponse({ response, errors }) {
          if (errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED')) response.http.status = 400;
        },
      };
    },
  };
}
