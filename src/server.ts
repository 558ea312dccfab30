import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { createFormatError } from './format-error';
import { CompiledOperations, compiledQueriesPlugin, type GraphqlExecutorKind } from './graphql-executor';
import { registerChecklistRoute } from './http/checklist.route';
import { registerWebApp } from './http/web.route';
import { accessLogPlugin } from './auth/access-log.plugin';
import { operationKindsPlugin } from './http/operation-kinds.plugin';
import type { AuthConfig } from './auth/auth-config';
import { authenticate } from './auth/authenticate';
import type { Store } from './graph/store';
import { setAttentionPolicy } from './graph/attention-state';
import { accessLogBuffer, pruneAccessLog } from './graph/repositories/access-log.repo';
import type { Logger } from './logger';
import { DEFAULT_POLICY, type SlaPolicy } from './domain/sla-policy';
// --- limits and hardening (issue 7): src/graphql-limits.ts, src/http/limits.ts, src/limits-config.ts ---
import { withQueryLimits } from './graphql-limits';
import { corsOptions, rateLimit } from './http/limits';
import { DEFAULT_LIMITS, type Limits } from './limits-config';
// --- end limits ---
import { WebhookWorker, type WebhookWorkerOptions } from './events/webhook-worker';
import { EventClock, type EventClockOptions } from './events/clock';
import { stopFeed } from './events/feed';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { admitSubscription } from './http/subscription-admission';
import { principalOf } from './auth/authenticate';
import { LOCAL_DEV, type Principal } from './auth/roles';

export interface RapportServer {
  app: Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** The compiled queries (RAPPORT_GRAPHQL_EXECUTOR=jit), null with graphql-js (issue 15). */
  compiledQueries: CompiledOperations | null;
  /** The webhook delivery worker, when started (issue 16). */
  webhooks: WebhookWorker | null;
  /** Listens on host:port and resolves to the URL of /graphql. */
  listen(): Promise<string>;
  /** Stops taking requests, finishes the ones in flight, then closes the store. */
  stop(): Promise<void>;
}

export async function createServer(deps: {
  /** `limits`: query limits, body size, rate limit, CORS (default DEFAULT_LIMITS). */
  config: Pick<Config, 'host' | 'port' | 'env'> & { limits?: Limits; accessLogDays?: number | null; graphqlExecutor?: GraphqlExecutorKind };
  store: Store;
  schema: GraphQLSchema;
  logger: Logger;
  policy?: SlaPolicy;
  /** Authentication; default off (local development), as when bound to loopback. */
  auth?: AuthConfig;
  /** Webhook delivery worker options; none: no worker in this process (tests, tools). */
  webhooks?: WebhookWorkerOptions | null;
  /** The clock of time-driven events; none: not in this process. */
  eventClock?: EventClockOptions | null;
  /**
   * With the compiled executor: the sighting of an operation that compiles it (default 2, and 1 when
   * NODE_ENV=test, so that the test suite runs every operation compiled).
   */
  compileOperationsAt?: number;
  /** The built web app to serve at / (default dist/web; the web benchmark compares two builds). */
  webDir?: string;
}): Promise<RapportServer> {
  const { config, store, schema, logger } = deps;
  const policy = deps.policy ?? DEFAULT_POLICY;
  // Write transactions keep the attention state under this server's policy (issue 15).
  setAttentionPolicy(policy);
  const auth: AuthConfig = deps.auth ?? { enabled: false, reason: 'not configured', jwt: null };
  const limits = config.limits ?? DEFAULT_LIMITS; // limits and hardening (issue 7)
  // The access log is buffered and written off the request path; flushed on stop (issue 15).
  const accessLog = accessLogBuffer(store);
  accessLog.logger = logger;
  const stopRetention = startAccessLogRetention(store, config.accessLogDays ?? null, logger);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const compiledQueries =
    (config.graphqlExecutor ?? 'jit') === 'jit'
      ? new CompiledOperations(schema, { compileAt: deps.compileOperationsAt ?? (config.env === 'test' ? 1 : 2) })
      : null;
  // withQueryLimits (issue 7): token, depth, alias, directive and cost limits; no suggestions in production.
  const apollo = new ApolloServer<Context>(
    withQueryLimits(
      {
        schema,
        // Rapport sets no cache hints: skip the per-field cache-control bookkeeping (benchmark, #8).
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer }),
          ApolloServerPluginCacheControlDisabled(),
          ApolloServerPluginLandingPageDisabled(),
          accessLogPlugin(),
          operationKindsPlugin(),
          // RAPPORT_GRAPHQL_EXECUTOR (issue 15): queries compiled by graphql-jit (default), or not.
          ...(compiledQueries ? [compiledQueriesPlugin<Context>(compiledQueries)] : []),
        ],
        // Rapport has no persisted queries: a request that offers one gets PERSISTED_QUERY_NOT_SUPPORTED (400).
        persistedQueries: false,
        formatError: createFormatError(logger, { exposeStack: config.env === 'development' }),
        includeStacktraceInErrorResponses: false,
        // main.ts owns SIGTERM/SIGINT: it drains, closes the store, flushes the logs, then exits 0.
        stopOnTerminationSignals: false,
        introspection: config.env !== 'production',
      },
      limits.query,
      config.env,
    ),
  );
  await apollo.start();

  app.use((req, res, next) => {
    const header = req.header('x-request-id');
    const requestId = header && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
    res.locals.requestId = requestId;
    res.locals.logger = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.locals.logger.info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // The web app and GraphiQL (issue 12): static files, before authentication; GraphiQL follows introspection.
  registerWebApp(app, { graphiql: config.env !== 'production', dir: deps.webDir });
  // --- limits (issue 7): CORS before authentication, so that a browser's preflight (which never
  // carries credentials) is answered, and a refusal carries the headers the browser needs to read it.
  app.use('/graphql', cors<cors.CorsRequest>(corsOptions(limits.corsOrigins)));
  // --- end limits ---
  // Everything below needs a credential when auth is on.
  app.use(authenticate(auth, store, logger));

  app.get('/ready', async (_req, res) => {
    try {
      await store.ping();
      res.json({ ok: true, store: store.engine });
    } catch {
      res.status(503).json({ ok: false, store: store.engine, error: 'store not reachable' });
    }
  });

  // limits (issue 7): per caller, known by now; the checklist counts like a query.
  app.use(['/graphql', '/handoffs'], rateLimit({ perMinute: limits.rateLimitPerMinute }));

  registerChecklistRoute(app, store);

  app.use(
    '/graphql',
    express.json({ limit: limits.bodyLimitBytes }), // limits (issue 7): RAPPORT_BODY_LIMIT
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        createContext({ store, requestId: res.locals.requestId, logger: res.locals.logger, principal: res.locals.principal, policy }),
    }),
  );

  // Errors outside GraphQL (bad JSON, a body over the limit, a route failing) answer JSON with a
  // code, never a stack trace.
  app.use(
    (
      err: { status?: number; type?: string; message?: string },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
      if (status === 500) res.locals.logger?.error({ err }, 'request failed');
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
      res
        .status(status)
        .json({ errors: [{ message: status === 500 ? 'Internal error' : (err.message ?? 'Bad request'), extensions: { code } }] });
    },
  );

  // Subscriptions (issue 16): graphql-ws on the same path; the credential is the connection_init
  // payload's `authorization` ("Bearer <API key or JWT>"), checked as for HTTP; scope as for queries.
  // A message is at most as large as an HTTP request body may be.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: limits.bodyLimitBytes });
  const wsCleanup = useServer<Record<string, unknown> | undefined, { principal?: Principal }>(
    {
      schema,
      onConnect: async (ctx) => {
        if (!auth.enabled) {
          ctx.extra.principal = LOCAL_DEV;
          return true;
        }
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const result = await principalOf(typeof raw === 'string' ? raw : undefined, auth, store, new Date());
        if ('error' in result) {
          logger.info({ reason: result.error }, 'subscription authentication refused');
          return false;
        }
        ctx.extra.principal = result.principal;
        return true;
      },
      // The same gate as over HTTP: token limit, validation, depth/alias/directive limits (src/http/subscription-admission.ts).
      onSubscribe: (_ctx, _id, payload) => {
        const admitted = admitSubscription(schema, limits.query, payload);
        return 'errors' in admitted ? admitted.errors : undefined;
      },
      context: (ctx) => createContext({ store, requestId: randomUUID(), logger, principal: ctx.extra.principal ?? LOCAL_DEV, policy }),
    },
    wsServer,
  );

  // Events (issue 16): deliveries run in this process, off the request path, from the store.
  const webhooks = deps.webhooks ? new WebhookWorker(store, logger.child({ component: 'webhooks' }), deps.webhooks) : null;
  webhooks?.start();
  const clock = deps.eventClock ? new EventClock(store, policy, logger.child({ component: 'event-clock' }), deps.eventClock) : null;
  clock?.start();

  let stopping: Promise<void> | undefined;
  return {
    app,
    httpServer,
    apollo,
    compiledQueries,
    webhooks,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const addr = httpServer.address() as AddressInfo;
          const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve(`http://${host}:${addr.port}/graphql`);
        });
      }),
    stop: () => {
      stopping ??= (async () => {
        await wsCleanup.dispose();
        await new Promise<void>((r) => wsServer.close(() => r()));
        await apollo.stop();
        stopRetention();
        await stopFeed(store);
        await clock?.stop();
        await webhooks?.stop();
        await accessLog.close();
        await store.close();
      })();
      return stopping;
    },
  };
}

const HOUR_MS = 3_600_000;

/**
 * RAPPORT_ACCESS_LOG_DAYS: entries older than that many days are deleted in the background, at
 * start and every hour (in chunks, each its own short write). Unset: the log is kept.
 */
function startAccessLogRetention(store: Store, days: number | null, logger: Logger): () => void {
  if (!days) return () => undefined;
  const prune = () => {
    const before = new Date(Date.now() - days * 24 * HOUR_MS);
    pruneAccessLog(store, before).then(
      (n) => n && logger.info({ deleted: n, before: before.toISOString() }, 'access log pruned'),
      (err) => logger.error({ err }, 'access log pruning failed'),
    );
  };
  let hourly: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    prune();
    hourly = setInterval(prune, HOUR_MS);
    hourly.unref();
  }, 1_000);
  first.unref();
  return () => {
    clearTimeout(first);
    if (hourly) clearInterval(hourly);
  };
}
