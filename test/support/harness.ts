import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLSchema } from 'graphql';
import { buildRapportSchema } from '../../src/build-schema';
import { createLogger } from '../../src/logger';
import { createServer, type RapportServer } from '../../src/server';
import { createContext } from '../../src/context';
import { CountingStore, type Store } from '../../src/graph/store';
import type { TestEngine } from './engines';
import type { Principal } from '../../src/auth/roles';
import { DEFAULT_POLICY, type SlaPolicy } from '../../src/domain/sla-policy';
import type { WebhookWorkerOptions } from '../../src/events/webhook-worker';

/** `principal` runs the operation as that caller (roles, regions); default: local development (admin). */
export interface RunOptions {
  actor?: string;
  now?: Date;
  principal?: Principal;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;
export const testSchema = () => (schemaPromise ??= buildRapportSchema());

export const silentLogger = createLogger('silent');

export interface GqlResult<T> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Runs GraphQL operations in-process through the real Apollo server and schema, on a real store.
 * `store` counts every statement so tests can check batching.
 */
export class Harness {
  private constructor(
    readonly server: RapportServer,
    readonly store: CountingStore,
    readonly policy: SlaPolicy,
  ) {}

  static async start(
    engine: TestEngine,
    opts: { store?: Store; policy?: SlaPolicy; webhooks?: WebhookWorkerOptions } = {},
  ): Promise<Harness> {
    const policy = opts.policy ?? DEFAULT_POLICY;
    const store = new CountingStore(opts.store ?? (await engine.open()));
    const server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test' },
      store,
      schema: await testSchema(),
      logger: silentLogger,
      policy,
      webhooks: opts.webhooks,
    });
    return new Harness(server, store, policy);
  }

  /** Runs an operation; `now` fixes the request's clock. */
  async run<T, V extends Record<string, unknown>>(
    doc: TypedDocumentNode<T, V>,
    variables?: V,
    opts: RunOptions = {},
  ): Promise<GqlResult<T>> {
    const res = await this.server.apollo.executeOperation<T, V>(
      { query: doc, variables },
      {
        contextValue: createContext({
          store: this.store,
          requestId: 'test',
          logger: silentLogger,
          actor: opts.principal ? undefined : (opts.actor ?? 'tester'),
          principal: opts.principal,
          now: opts.now,
          policy: this.policy,
        }),
      },
    );
    if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
    return res.body.singleResult as GqlResult<T>;
  }

  /** Runs an operation that must succeed and returns its data. */
  async data<T, V extends Record<string, unknown>>(doc: TypedDocumentNode<T, V>, variables?: V, opts?: RunOptions): Promise<T> {
    const res = await this.run(doc, variables, opts);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data as T;
  }

  async stop() {
    await this.server.stop();
  }
}
