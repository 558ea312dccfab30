import { createHmac } from 'node:crypto';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Config } from '../src/config';
import { createServer, type RapportServer } from '../src/server';
import { DEFAULT_LIMITS, type Limits } from '../src/limits-config';
import { StoreError } from '../src/graph/store-errors';
import type { Store } from '../src/graph/store';
import { loadAuthConfig, type AuthConfig } from '../src/auth/auth-config';
import { Harness, silentLogger, testSchema } from './support/harness';
import { testEngines } from './support/engines';

/**
 * Hardening of /graphql over a real HTTP port (issue #7): query limits, body size, rate limit, CORS,
 * CSRF prevention, and what production mode hides.
 */

const [embedded] = testEngines();
const gql = (source: string) => parse(source) as TypedDocumentNode<unknown, Record<string, unknown>>;

interface Started {
  server: RapportServer;
  url: string;
  base: string;
  store: Store;
}

async function start(opts: { env?: Config['env']; limits?: Partial<Limits>; store?: Store; auth?: AuthConfig } = {}): Promise<Started> {
  const store = opts.store ?? (await embedded.open());
  const server = await createServer({
    config: { host: '127.0.0.1', port: 0, env: opts.env ?? 'test', limits: { ...DEFAULT_LIMITS, ...opts.limits } },
    store,
    schema: await testSchema(),
    logger: silentLogger,
    auth: opts.auth,
  });
  const url = await server.listen();
  return { server, url, base: url.replace(/\/graphql$/, ''), store };
}

interface GqlError {
  message: string;
  extensions: Record<string, unknown> & { code: string };
}
interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: GqlError[] };
  text: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // left empty: the assertions say what was expected
  }
  return { status: res.status, headers: res.headers, body, text };
}

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);

// ---------------------------------------------------------------------------------------------

describe('query limits over HTTP (default limits)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(async () => {
    await s.server.stop();
  });

  const nested = (levels: number) => `{ region(id: "reg_x") { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: health { ok }`).join(' ')} }`;
  const directives = (n: number) => `{ health { ${'ok @skip(if: false) '.repeat(n)}} }`;
  // 20 tokens as graphql-js counts them (with the end of the document) plus one per status (many identical fields would trip graphql-js's own overlap budget).
  const tokens = (n: number) => `{ customer(id: "cus_x") { cases(status: [${'OPEN '.repeat(n)}]) { id } } }`;
  const COSTLY = 'query($n: Int) { customers(first: $n) { edges { node { contacts { reportingLine { name } } } } } }';

  it.each([
    ['depth 12', nested(10), 'QUERY_TOO_DEEP', 13, 12],
    ['30 aliases', aliases(30), 'TOO_MANY_ALIASES', 31, 30],
    ['20 directives', directives(20), 'TOO_MANY_DIRECTIVES', 21, 20],
  ])('%s is fine, one more is a 400 with its code', async (_name, atLimit, code, over, limit) => {
    const ok = await post(s.url, { query: atLimit });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();

    const overSource = code === 'QUERY_TOO_DEEP' ? nested(11) : code === 'TOO_MANY_ALIASES' ? aliases(31) : directives(21);
    const res = await post(s.url, { query: overSource });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: expect.stringContaining(`the limit is ${limit}`), locations: expect.any(Array), extensions: { code, limit, found: over } },
    ]);
  });

  it('a document over 5000 tokens is refused while parsing: 400 TOO_MANY_TOKENS', async () => {
    const atLimit = await post(s.url, { query: tokens(5000 - 20) });
    expect(atLimit.body.errors).toBeUndefined();
    expect(atLimit.status).toBe(200);
    const res = await post(s.url, { query: tokens(5000 - 19) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: 'The document has more than 5000 tokens; the limit is 5000.', extensions: { code: 'TOO_MANY_TOKENS', limit: 5000 } },
    ]);
  });

  it('cost counts `first` from the variables: 10 customers is fine, 200 is a 400 QUERY_TOO_COSTLY', async () => {
    const ok = await post(s.url, { query: COSTLY, variables: { n: 10 } });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    const res = await post(s.url, { query: COSTLY, variables: { n: 200 } });
    expect(res.status).toBe(400);
    // 1 connection + 200 edges × (1 edge + 1 node + 20 contacts × (1 + 20 in the reporting line))
    expect(res.body.errors).toEqual([
      {
        message: expect.stringContaining('estimated cost of 84401; the limit is 25000'),
        locations: expect.any(Array),
        extensions: { code: 'QUERY_TOO_COSTLY', limit: 25000, found: 84401 },
      },
    ]);
  });

  it('a limit is checked before anything runs: a costly mutation writes nothing', async () => {
    const res = await post(s.url, {
      query: `mutation { ${Array.from({ length: 31 }, (_, i) => `r${i}: createRegion(input: { id: "reg_alias-${i}", name: "R", kind: CITY }) { id }`).join(' ')} }`,
    });
    expect(codes(res)).toEqual(['TOO_MANY_ALIASES']);
    expect(await s.store.read('MATCH (r:Region) RETURN count(r) AS n')).toEqual([{ n: 0 }]);
  });

  it('the same limits apply in-process (executeOperation)', async () => {
    const h = await Harness.start(embedded);
    try {
      const res = await h.run(gql(aliases(31)));
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_ALIASES']);
      const costly = await h.run(gql(COSTLY), { n: 200 });
      expect(costly.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    } finally {
      await h.stop();
    }
  });

  it('a body over 1 MB is a 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(s.url, { query: `{ health { ok } }`, variables: { pad: 'x'.repeat(1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(codes(res)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('malformed JSON is a 400 BAD_REQUEST, not a 500', async () => {
    const res = await post(s.url, '{"query": ');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_REQUEST']);
  });
});

describe('configured limits', () => {
  it('RAPPORT_BODY_LIMIT and RAPPORT_MAX_DEPTH take effect', async () => {
    const s = await start({ limits: { bodyLimitBytes: 2048, query: { ...DEFAULT_LIMITS.query, maxDepth: 2 } } });
    try {
      expect((await post(s.url, { query: '{ health { ok } }', variables: { pad: 'x'.repeat(1500) } })).status).toBe(200);
      const big = await post(s.url, { query: '{ health { ok } }', variables: { pad: 'x'.repeat(2100) } });
      expect(big.status).toBe(413);
      expect(codes(big)).toEqual(['PAYLOAD_TOO_LARGE']);
      const deep = await post(s.url, { query: '{ region(id: "reg_x") { parent { id } } }' });
      expect(deep.status).toBe(400);
      expect(deep.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 2, found: 3 });
    } finally {
      await s.server.stop();
    }
  });
});

describe('rate limit per caller', () => {
  it('after the bucket is empty: 429 RATE_LIMITED with Retry-After; /health is not limited', async () => {
    const s = await start({ limits: { rateLimitPerMinute: 3 } });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await post(s.url, { query: '{ health { ok } }' });
        expect(ok.status).toBe(200);
        expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
      }
      const res = await post(s.url, { query: '{ health { ok } }' });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      // 3 a minute: one every 20 s.
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20).toBe(true);
      expect(res.body.errors).toEqual([
        { message: expect.stringContaining('at most 3 a minute'), extensions: { code: 'RATE_LIMITED', retryAfter } },
      ]);
      expect((await fetch(`${s.base}/health`)).status).toBe(200);
    } finally {
      await s.server.stop();
    }
  });

  it('RAPPORT_RATE_LIMIT_PER_MINUTE=0 turns it off', async () => {
    const s = await start({ limits: { rateLimitPerMinute: 0 } });
    try {
      for (let i = 0; i < 20; i++) expect((await post(s.url, { query: '{ health { ok } }' })).status).toBe(200);
    } finally {
      await s.server.stop();
    }
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('is closed by default: no Access-Control-Allow-Origin for any origin, not even on a preflight', async () => {
    const s = await start();
    try {
      const res = await post(s.url, { query: '{ health { ok } }' }, { origin: 'https://evil.example' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const pre = await preflight(s.url, 'https://evil.example');
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    } finally {
      await s.server.stop();
    }
  });

  it('RAPPORT_CORS_ORIGINS opens it to the listed origins only', async () => {
    const s = await start({ limits: { corsOrigins: ['https://app.example.com', 'http://localhost:5173'] } });
    try {
      const pre = await preflight(s.url, 'https://app.example.com');
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(pre.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();

      const res = await post(s.url, { query: '{ health { ok } }' }, { origin: 'http://localhost:5173' });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(res.headers.get('vary')).toMatch(/origin/i);

      const other = await post(s.url, { query: '{ health { ok } }' }, { origin: 'https://app.example.com.evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(s.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await s.server.stop();
    }
  });
});

describe('CSRF prevention (Apollo default, left on)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(async () => {
    await s.server.stop();
  });
  const CREATE = 'mutation { createRegion(input: { id: "reg_csrf", name: "CSRF", kind: CITY }) { id } }';
  const regions = async () => (await s.store.read('MATCH (r:Region) RETURN count(r) AS n'))[0];

  it.each([
    ['text/plain', JSON.stringify({ query: CREATE })],
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(CREATE)}`],
    ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${CREATE}\r\n--x--\r\n`],
  ])('a cross-site form POST (%s) is refused and runs nothing', async (contentType, body) => {
    const res = await send(s.url, { method: 'POST', headers: { 'content-type': contentType, origin: 'https://evil.example' }, body });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toEqual({
      message: expect.stringContaining('Cross-Site Request Forgery'),
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(await regions()).toEqual({ n: 0 });
  });

  it('a simple cross-site GET (an <img> or a link) is refused; with the preflight header it runs', async () => {
    const get = `${s.url}?query=${encodeURIComponent('{ health { ok } }')}`;
    const simple = await send(get, { headers: { origin: 'https://evil.example' } });
    expect(simple.status).toBe(400);
    expect(simple.body.errors?.[0].extensions.code).toBe('BAD_REQUEST');
    const withHeader = await send(get, { headers: { 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(200);
    expect(withHeader.body).toEqual({ data: { health: { ok: true } } });
  });
});

// ---------------------------------------------------------------------------------------------

describe('production mode (NODE_ENV=production)', () => {
  let prod: Started;
  let dev: Started;
  beforeAll(async () => {
    prod = await start({ env: 'production' });
    dev = await start({ env: 'development' });
  });
  afterAll(async () => {
    await prod.server.stop();
    await dev.server.stop();
  });

  it('introspection is off (400); __typename still works', async () => {
    const res = await post(prod.url, { query: '{ __schema { types { name } } }' });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors?.[0].message).toMatch(/introspection/i);
    const type = await post(prod.url, { query: '{ __type(name: "Customer") { name } }' });
    expect(codes(type)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await post(prod.url, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    // …while development answers it.
    expect((await post(dev.url, { query: '{ __schema { queryType { name } } }' })).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it.each([
    ['a field', { query: '{ healt { ok } }' }, 'Cannot query field "healt" on type "Query".'],
    ['an argument', { query: '{ customer(id: "cus_a", idd: "cus_a") { id } }' }, 'Unknown argument "idd" on field "Query.customer".'],
    [
      'an enum literal',
      { query: '{ whoCovers(customerId: "cus_a", role: PRIMRY) { id } }' },
      'Value "PRIMRY" does not exist in "CoverageRole" enum.',
    ],
    [
      'an enum in the variables',
      { query: 'query($r: CoverageRole) { whoCovers(customerId: "cus_a", role: $r) { id } }', variables: { r: 'PRIMRY' } },
      'Variable "$r" got invalid value "PRIMRY"; Value "PRIMRY" does not exist in "CoverageRole" enum.',
    ],
    [
      'an input field in the variables',
      {
        query: 'mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }',
        variables: { i: { name: 'X', kind: 'CITY', parentld: 'reg_a' } },
      },
      'Variable "$i" got invalid value { name: "X", kind: "CITY", parentld: "reg_a" }; Field "parentld" is not defined by type "CreateRegionInput".',
    ],
  ])('no "Did you mean …?" for a misspelt %s (development still suggests)', async (_what, payload, message) => {
    const res = await post(prod.url, payload);
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.message)).toEqual([message]);
    expect(res.text).not.toMatch(/did you mean/i);
    const devRes = await post(dev.url, payload);
    expect(devRes.body.errors?.[0].message).toMatch(/Did you mean/);
  });
});

describe('errors are masked outside development', () => {
  const CYPHER = 'MATCH (c:Customer {id: $id}) RETURN c {.*} AS c';
  const failures: Record<string, () => Error> = {
    'an engine error with its Cypher': () => new StoreError('QUERY', `GRAFEO-Q0042: unknown property near "${CYPHER}"`, CYPHER, '42000'),
    'a connection error with an address': () =>
      new Error('connect ECONNREFUSED 10.20.30.40:7687 (user rapport) at /srv/rapport/src/graph/neo4j-store.ts:42'),
    'a programming error': () => new TypeError("Cannot read properties of undefined (reading 'secretField')"),
  };
  let mode: keyof typeof failures = 'a programming error';

  /** An embedded store whose reads fail the chosen way (ping and writes still work). */
  async function failingStore(): Promise<Store> {
    const inner = await embedded.open();
    return {
      engine: inner.engine,
      read: async () => {
        throw failures[mode]();
      },
      write: (c, p) => inner.write(c, p),
      transaction: (w) => inner.transaction(w),
      close: () => inner.close(),
      ping: () => inner.ping(),
    };
  }

  const servers: Partial<Record<Config['env'], Started>> = {};
  beforeAll(async () => {
    for (const env of ['production', 'test', 'development'] as const) servers[env] = await start({ env, store: await failingStore() });
  });
  afterAll(async () => {
    for (const s of Object.values(servers)) await s?.server.stop();
  });

  it.each(Object.keys(failures))('%s: production and test show only INTERNAL_SERVER_ERROR, never a 5xx', async (which) => {
    mode = which as keyof typeof failures;
    for (const env of ['production', 'test'] as const) {
      const res = await post(servers[env]!.url, { query: '{ customer(id: "cus_a") { id name } }' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: { customer: null },
        errors: [
          {
            message: 'Internal error',
            locations: [{ line: 1, column: 3 }],
            path: ['customer'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      });
      expect(res.text).not.toMatch(/MATCH|GRAFEO|ECONNREFUSED|10\.20\.30\.40|secretField|\.ts:\d+|stacktrace| {4}at /);
    }
  });

  it('development adds the stack trace (only there)', async () => {
    mode = 'a programming error';
    const res = await post(servers.development!.url, { query: '{ customer(id: "cus_a") { id } }' });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', stacktrace: expect.any(Array) });
  });

  it('a refused request outside GraphQL (bad JSON) does not echo a stack either', async () => {
    const res = await post(servers.production!.url, '{"query": "{ health { ok } }", }');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }]);
    expect(res.text).not.toMatch(/ {4}at |node_modules/);
  });
});

describe('with authentication on', () => {
  const SECRET = 'a-test-secret-of-at-least-32-bytes!!';
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const jwt = (sub: string) => {
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, roles: ['ADMIN'], regions: [], exp: Math.floor(Date.now() / 1000) + 3600 })}`;
    return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
  };
  let s: Started;
  beforeAll(async () => {
    const problems: string[] = [];
    const env: Record<string, string> = { RAPPORT_AUTH: 'on', RAPPORT_JWT_SECRET: SECRET };
    const auth = loadAuthConfig((name) => env[name], '127.0.0.1', problems);
    expect(problems).toEqual([]);
    s = await start({ auth, limits: { rateLimitPerMinute: 2, corsOrigins: ['https://app.example.com'] } });
  });
  afterAll(async () => {
    await s.server.stop();
  });

  it('a browser preflight (never authenticated) is answered by CORS, and a 401 is readable by the allowed origin', async () => {
    const pre = await fetch(s.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const refused = await post(s.url, { query: '{ health { ok } }' }, { origin: 'https://app.example.com' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('the rate limit counts per authenticated caller', async () => {
    const as = (sub: string) => post(s.url, { query: '{ health { ok } }' }, { authorization: `Bearer ${jwt(sub)}` });
    expect((await as('ana')).status).toBe(200);
    expect((await as('ana')).status).toBe(200);
    const third = await as('ana');
    expect(third.status).toBe(429);
    expect(codes(third)).toEqual(['RATE_LIMITED']);
    // Another person from the same address has a bucket of their own.
    expect((await as('ben')).status).toBe(200);
  });
});
