import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { REPO_ROOT } from '../paths';

/** Where `npm run build:web` writes the web app (Vite's output). */
export const WEB_DIST = path.join(REPO_ROOT, 'dist', 'web');

/** Paths the single-page app answers (deep links survive a reload). The API paths are not among them. */
const SPA_PATHS = [
  /^\/$/,
  /^\/customers\/[^/]+$/,
  /^\/engineers\/[^/]+$/,
  /^\/attention$/,
  /^\/handoffs\/new$/,
  /^\/handoffs\/[^/]+$/,
  /^\/handoffs\/[^/]+\/print$/,
  /^\/history\/[^/]+$/,
  /^\/signin$/,
];

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rapport</title></head>
<body><main><h1>Rapport</h1><p>The web app is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The GraphQL API answers at <code>/graphql</code>.</p></main></body></html>`;

/**
 * The web app: static files from dist/web and the SPA fallback, mounted before authentication
 * (the page itself holds no data; every query it sends carries the caller's credential).
 * GraphiQL (/graphiql) follows the introspection switch: off in production.
 */
export function registerWebApp(app: Express, opts: { graphiql: boolean; dir?: string }) {
  const dir = opts.dir ?? WEB_DIST;
  const indexFile = path.join(dir, 'index.html');
  const sendIndex = (_req: Request, res: Response) => {
    if (!fs.existsSync(indexFile)) {
      res.status(200).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  };
  // Hashed file names: cache for a year; everything else revalidates.
  app.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(dir, { index: false }));
  app.get('/graphiql', (req, res) => {
    if (!opts.graphiql) {
      res
        .status(404)
        .json({ errors: [{ message: 'GraphiQL is off (introspection is disabled in production)', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    sendIndex(req, res);
  });
  // A person opening /graphql in a browser meets GraphiQL rather than an error.
  app.get('/graphql', (req, res, next) => {
    if (opts.graphiql && !req.query.query && req.accepts(['json', 'html']) === 'html') {
      res.redirect(302, '/graphiql');
      return;
    }
    next();
  });
  app.get(/.*/, (req, res, next) => {
    if (SPA_PATHS.some((re) => re.test(req.path)) && req.accepts(['html', 'json']) === 'html') sendIndex(req, res);
    else next();
  });
}
