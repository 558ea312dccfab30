import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { createFormatError } from './format-error';
import { registerChecklistRoute } from './http/checklist.route';
import type { Store } from './graph/store';
import type { Logger } from './logger';
import { DEFAULT_POLICY, type SlaPolicy } from './domain/sla-policy';

export interface RapportServer {
  app: Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Listens on host:port and resolves to the URL of /graphql. */
  listen(): Promise<string>;
  /** Stops taking requests, finishes the ones in flight, then closes the store. */
  stop(): Promise<void>;
}

export async function createServer(deps: {
  config: Pick<Config, 'host' | 'port' | 'env'>;
  store: Store;
  schema: GraphQLSchema;
  logger: Logger;
  policy?: SlaPolicy;
}): Promise<RapportServer> {
  const { config, store, schema, logger } = deps;
  const policy = deps.policy ?? DEFAULT_POLICY;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    formatError: createFormatError(logger, { exposeStack: config.env === 'development' }),
    includeStacktraceInErrorResponses: false,
    introspection: config.env !== 'production',
  });
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
      res.locals.logger.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await store.ping();
      res.json({ ok: true, store: store.engine });
    } catch (err) {
      res.status(503).json({ ok: false, store: store.engine, error: 'store not reachable' });
    }
  });

  registerChecklistRoute(app, store);

  app.use(
    '/graphql',
    cors<cors.CorsRequest>({ origin: false }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        createContext({ store, requestId: res.locals.requestId, logger: res.locals.logger, actor: 'anonymous', policy }),
    }),
  );

  // Errors outside GraphQL (bad JSON, a body over the limit, a route failing) answer JSON with a
  // code, never a stack trace.
  app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) res.locals.logger?.error({ err }, 'request failed');
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    res.status(status).json({ errors: [{ message: status === 500 ? 'Internal error' : (err.message ?? 'Bad request'), extensions: { code } }] });
  });

  let stopping: Promise<void> | undefined;
  return {
    app,
    httpServer,
    apollo,
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
        await apollo.stop();
        await store.close();
      })();
      return stopping;
    },
  };
}
