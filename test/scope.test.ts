import {
  buildClientSchema,
  getNamedType,
  getNullableType,
  introspectionFromSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { createContext } from '../src/context';
import { createServer, type RapportServer } from '../src/server';
import { DEFAULT_LIMITS } from '../src/limits-config';
import { DEFAULT_POLICY } from '../src/domain/sla-policy';
import { MAX_PAGE_SIZE } from '../src/domain/pagination';
import { createApiKey } from '../src/auth/api-keys';
import { Role, type Principal } from '../src/auth/roles';
import type { Store } from '../src/graph/store';
import { loadDemo } from '../seeds/load-demo';
import { testEngines } from './support/engines';
import { silentLogger, testSchema } from './support/harness';

/**
 * The region scope on every path, derived from the schema: every query field and every mutation is
 * run (in-process, through the real server) as a SERVICE_MANAGER limited to Xinjiang, with arguments
 * pointing at other regions' records and at in-region records linked to other regions (an engineer
 * who also works in Wuhan, his handoff spanning both). Every field reachable from the result is
 * selected, a few levels deep. Nothing that belongs to another region may appear: no id, no
 * customer name, no contact phone; no write may touch another region's customers; no
 * INTERNAL_SERVER_ERROR. Every REST route the express app declares is walked the same way over a
 * real port. A field, mutation or route added later is walked without touching this file (and the
 * test fails if it cannot build arguments for it).
 */

const NOW = new Date('2026-06-20T00:00:00.000Z');
const SCOPE = ['reg_xinjiang'];
const BRIDGE_ENGINEER = 'eng_chen-gang';
const BRIDGE_CUSTOMER_OUTSIDE = 'cus_ct-wuhan';
const MANAGER: Principal = { actor: 'user:xj-manager', kind: 'user', roles: [Role.SERVICE_MANAGER], regions: SCOPE };
const ADMIN: Principal = { actor: 'user:admin', kind: 'user', roles: [Role.ADMIN], regions: null };
/** How deep below a root field the selection goes (root = 1). */
const MAX_DEPTH = 5;

const LABELS = [
  'HandoffItem',
  'Handoff',
  'Customer',
  'Contact',
  'Engineer',
  'Case',
  'Device',
  'Interaction',
  'Commitment',
  'Region',
  'Partner',
  'ApiKey',
] as const;
type Label = (typeof LABELS)[number];
const NAME_HINTS: [RegExp, Label][] = [
  [/handoffitem|item/i, 'HandoffItem'],
  [/handoff/i, 'Handoff'],
  [/customer|branch/i, 'Customer'],
  [/contact|raisedby|reportsto|manager/i, 'Contact'],
  [/engineer|outgoing|successor|coveredby|assignee|owner|promised|worker/i, 'Engineer'],
  [/case/i, 'Case'],
  [/device/i, 'Device'],
  [/interaction/i, 'Interaction'],
  [/commitment/i, 'Commitment'],
  [/region|parent/i, 'Region'],
  [/partner/i, 'Partner'],
  [/key/i, 'ApiKey'],
];
const labelOf = (...names: string[]): Label | null => {
  for (const n of names) for (const [re, l] of NAME_HINTS) if (re.test(n)) return l;
  return null;
};

let server: RapportServer;
let store: Store;
let schema: GraphQLSchema;
let base: string;
let managerKey: string;
/** Ids per label: records of other regions first, then in-region records linked to other regions. */
const pool: Record<Label, string[]> = Object.fromEntries(LABELS.map((l) => [l, []])) as unknown as Record<Label, string[]>;
/** What must never reach the manager: other regions' ids, customer names, contact phones. */
let secrets: string[] = [];
let outsideCustomers: string[] = [];
let spanningHandoff = '';

async function gql(principal: Principal, query: string) {
  const res = await server.apollo.executeOperation(
    { query },
    { contextValue: createContext({ store, requestId: 'scope', logger: silentLogger, principal, now: NOW, policy: DEFAULT_POLICY }) },
  );
  if (res.body.kind !== 'single') throw new Error('unexpected incremental result');
  return res.body.singleResult as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function admin(query: string) {
  const res = await gql(ADMIN, query);
  if (res.errors?.length) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
  return res.data as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
}

/** The reference, computed here from the graph (not by src/auth/scope.ts). */
async function computeOutside() {
  const rows = await store.read(
    `MATCH (c:Customer)
     WHERE NOT EXISTS { MATCH (c)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..10]->(r:Region) WHERE r.id IN $scope }
     RETURN c.id AS id, c.name AS name`,
    { scope: SCOPE },
  );
  outsideCustomers = rows.map((r) => r.id as string);
  const attached = async (label: string, rel: string, dir: 'out' | 'in' = 'out') =>
    (
      await store.read(
        `MATCH (x:\`${label}\`)${dir === 'out' ? `-[:${rel}]->` : `<-[:${rel}]-`}(c:Customer) WHERE c.id IN $out
         AND NOT EXISTS { MATCH (x)${dir === 'out' ? `-[:${rel}]->` : `<-[:${rel}]-`}(c2:Customer) WHERE NOT c2.id IN $out }
         RETURN DISTINCT x.id AS id, x.phone AS phone`,
        { out: outsideCustomers },
      )
    ).map((r) => ({ id: r.id as string, phone: r.phone as string | null }));
  const contacts = await attached('Contact', 'WORKS_AT');
  const found: Partial<Record<Label, string[]>> = {
    Customer: outsideCustomers,
    Contact: contacts.map((c) => c.id),
    Case: (await attached('Case', 'FOR')).map((c) => c.id),
    Device: (await attached('Device', 'INSTALLED_AT')).map((c) => c.id),
    Interaction: (await attached('Interaction', 'FOR')).map((c) => c.id),
    Commitment: (await attached('Commitment', 'TO')).map((c) => c.id),
    HandoffItem: (await attached('HandoffItem', 'FOR')).map((c) => c.id),
  };
  // Handoffs with no item in the region; engineers with no link at all to the region.
  found.Handoff = (
    await store.read(
      `MATCH (h:Handoff) WHERE NOT EXISTS { MATCH (h)-[:INCLUDES]->(:HandoffItem)-[:FOR]->(c:Customer) WHERE NOT c.id IN $out } RETURN h.id AS id`,
      { out: outsideCustomers },
    )
  ).map((r) => r.id as string);
  found.Engineer = (
    await store.read(
      `MATCH (e:Engineer)
       WHERE NOT EXISTS { MATCH (e)-[:BASED_IN]->(:Region)-[:PART_OF*0..10]->(r:Region) WHERE r.id IN $scope }
         AND NOT EXISTS { MATCH (e)-[*1..3]-(c:Customer) WHERE NOT c.id IN $out }
       RETURN e.id AS id`,
      { out: outsideCustomers, scope: SCOPE },
    )
  ).map((r) => r.id as string);
  const phones = contacts.map((c) => c.phone).filter((p): p is string => !!p);
  const names = rows.map((r) => r.name as string);
  secrets = [...Object.values(found).flat(), ...names, ...phones];
  for (const l of LABELS) pool[l] = [...(found[l] ?? []).slice(0, 3)];
  pool.Region = ['reg_hubei', 'reg_wuhan'];
  pool.Partner = (await store.read('MATCH (p:Partner) RETURN p.id AS id LIMIT 2')).map((r) => r.id as string);
}

beforeAll(async () => {
  schema = await testSchema();
  store = await testEngines()[0].open();
  await loadDemo(store);
  server = await createServer({
    config: {
      host: '127.0.0.1',
      port: 0,
      env: 'test',
      // Whole-schema documents are large: the limits are not what this test is about.
      limits: {
        ...DEFAULT_LIMITS,
        rateLimitPerMinute: 0,
        query: { maxDepth: 50, maxAliases: 1000, maxTokens: 1_000_000, maxDirectives: 100, maxCost: 1e12 },
      },
    },
    store,
    schema,
    logger: silentLogger,
    auth: { enabled: true, reason: 'test', jwt: null },
  });
  base = (await server.listen()).replace(/\/graphql$/, '');
  // An engineer of the region who also covers a customer in Wuhan, and his handoff spanning both.
  await admin(
    `mutation { assignCoverage(input: { engineerId: "${BRIDGE_ENGINEER}", customerId: "${BRIDGE_CUSTOMER_OUTSIDE}", role: BACKUP, from: "2026-01-01T00:00:00Z" }) { id } }`,
  );
  const started = await admin(
    `mutation { startHandoff(input: { outgoingEngineerId: "${BRIDGE_ENGINEER}", successors: [{ engineerId: "eng_huang-min" }], reason: ROTATION, effectiveAt: "2026-06-25T00:00:00Z" }) { id items { customer { id } } } }`,
  );
  spanningHandoff = started.startHandoff.id;
  const customers = new Set((started.startHandoff.items as { customer: { id: string } }[]).map((i) => i.customer.id));
  expect(customers.has(BRIDGE_CUSTOMER_OUTSIDE)).toBe(true);
  expect(customers.size).toBeGreaterThan(1);
  await computeOutside();
  // In-region records linked to other regions: the bridging engineer and his spanning handoff.
  pool.Engineer.push(BRIDGE_ENGINEER);
  pool.Handoff.push(spanningHandoff);
  pool.ApiKey = [
    (await createApiKey(store, { name: 'other', roles: ['VIEWER'], regions: ['reg_hubei'] }, { actor: 'test', now: new Date() })).key.id,
  ];
  managerKey = (
    await createApiKey(store, { name: 'xj manager', roles: ['SERVICE_MANAGER'], regions: SCOPE }, { actor: 'test', now: new Date() })
  ).token;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// Documents from the schema

/** A literal for an input type; `k` picks among the candidate ids. */
function literal(type: GraphQLInputType, names: string[], k: number, depth = 0): string | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const inner = literal(nullable.ofType, names, k, depth);
    return inner === null ? null : `[${inner}]`;
  }
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[k % named.getValues().length].name;
  if (isInputObjectType(named)) {
    if (depth > 3) return null;
    const parts: string[] = [];
    for (const f of Object.values(named.getFields())) {
      if (!isNonNullType(f.type) && !/id$|ids$|region|engineer|customer|coveredBy|first/i.test(f.name)) continue;
      const v = literal(
        f.type,
        [f.name, named.name.replace(/^(Create|Update|Plan|Assign|End|Add|Open|Log|Make|Install)|Input$|Filter$/g, ''), ...names],
        k,
        depth + 1,
      );
      if (v === null) {
        if (isNonNullType(f.type)) return null;
        continue;
      }
      parts.push(`${f.name}: ${v}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  switch (named.name) {
    case 'ID': {
      const l = labelOf(...names);
      const ids = l ? pool[l] : Object.values(pool).flat();
      return ids.length ? JSON.stringify(ids[k % ids.length]) : null;
    }
    case 'String':
      // Free text: the name of another region's customer (search must not find it).
      return JSON.stringify(
        /reason|note|text|name|title|summary|query|serial|model/i.test(names[0] ?? '') && k % 2 === 0
          ? 'China Telecom Wuhan'
          : `scope test ${k}`,
      );
    case 'Int':
      return /first|limit/i.test(names[0] ?? '') ? String(MAX_PAGE_SIZE) : '1';
    case 'Float':
      return '1';
    case 'Boolean':
      return k % 2 ? 'true' : 'false';
    case 'DateTime':
      return JSON.stringify(
        /until|to$|due/i.test(names[0] ?? '') ? '2026-07-20T00:00:00Z' : k % 2 ? '2026-06-25T00:00:00Z' : NOW.toISOString(),
      );
    default:
      return isScalarType(named) ? JSON.stringify('x') : null;
  }
}

function args(field: GraphQLField<unknown, unknown>, k: number, all: boolean): string | null {
  const out: string[] = [];
  for (const a of field.args as readonly GraphQLArgument[]) {
    const wanted = isNonNullType(a.type) || a.name === 'first' || (all && a.name !== 'after' && a.name !== 'at');
    if (!wanted) continue;
    const hint = a.name === 'id' ? [getNamedType(field.type).name, field.name] : [a.name, field.name];
    const v = literal(a.type, hint, k);
    if (v === null) {
      if (isNonNullType(a.type)) return null;
      continue;
    }
    out.push(`${a.name}: ${v}`);
  }
  return out.length ? `(${out.join(', ')})` : '';
}

/** Every field of the type, `depth` levels deep, without entering a type already on the path. */
function selection(type: GraphQLNamedType, depth: number, path: string[], alias = ''): string {
  if (isUnionType(type) || isInterfaceType(type)) {
    // Each possible type's fields under its own aliases: same-named fields of different types conflict.
    const possible = schema.getPossibleTypes(type);
    return `__typename ${possible.map((t) => `... on ${t.name} { ${selection(t, depth, path, `${t.name}_`)} }`).join(' ')}`;
  }
  const fields: string[] = ['__typename'];
  for (const f of Object.values((type as GraphQLObjectType).getFields())) {
    const named = getNamedType(f.type);
    const a = args(f, 0, false);
    if (a === null) continue;
    const key = alias ? `${alias}${f.name}: ${f.name}` : f.name;
    if (isLeafType(named)) fields.push(`${key}${a}`);
    else if (depth < MAX_DEPTH && !path.includes(named.name))
      fields.push(`${key}${a} { ${selection(named, depth + 1, [...path, named.name])} }`);
  }
  return fields.join(' ');
}

function documents(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): string[] {
  const docs = new Set<string>();
  const named = getNamedType(field.type);
  const sub = isLeafType(named) ? '' : ` { ${selection(named, 2, [root, named.name])} }`;
  for (let k = 0; k < 4; k++) {
    for (const all of [false, true]) {
      const a = args(field, k, all);
      if (a !== null) docs.add(`${root === 'Query' ? 'query' : 'mutation'} { ${field.name}${a}${sub} }`);
    }
  }
  return [...docs];
}

/** Connections whose whole answer is on the page must count exactly what they show (counts scoped too). */
function countMismatches(v: unknown, path = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => countMismatches(x, `${path}[${i}]`));
  if (!v || typeof v !== 'object') return [];
  const o = v as Record<string, unknown>;
  const own: string[] = [];
  const page = o.pageInfo as { hasNextPage?: boolean; hasPreviousPage?: boolean } | undefined;
  if (
    typeof o.totalCount === 'number' &&
    Array.isArray(o.edges) &&
    page &&
    page.hasNextPage === false &&
    !page.hasPreviousPage &&
    o.totalCount !== o.edges.length
  ) {
    own.push(`${path}: totalCount ${o.totalCount} but ${o.edges.length} edges`);
  }
  const summary = o.summary as { total?: number } | undefined;
  if (summary && typeof summary.total === 'number' && Array.isArray(o.items) && summary.total !== o.items.length)
    own.push(`${path}.summary: total ${summary.total} but ${o.items.length} items`);
  return [...own, ...Object.entries(o).flatMap(([k, x]) => countMismatches(x, `${path}.${k}`))];
}

/** The first problem of each field, so that one hole does not hide another in the report. */
const summary = (problems: string[]) => [...new Map(problems.map((p) => [p.split(/[ :]/)[0], p])).values()];

/** Secrets in an answer; what the caller himself sent (an id echoed in a refusal) is not one. */
const leaks = (text: string, sent = '') => secrets.filter((s) => s.length > 3 && text.includes(s) && !sent.includes(s));

// ---------------------------------------------------------------------------------------------

describe('region scope on every path (derived from the schema)', () => {
  it('every query field shows nothing of other regions, and never fails internally', async () => {
    const client = buildClientSchema(introspectionFromSchema(schema));
    const problems: string[] = [];
    const ran = new Set<string>();
    for (const field of Object.values(client.getQueryType()!.getFields())) {
      const docs = documents('Query', schema.getQueryType()!.getFields()[field.name]);
      if (!docs.length) problems.push(`Query.${field.name}: no document could be built (teach this test its arguments)`);
      for (const doc of docs) {
        const res = await gql(MANAGER, doc);
        const text = JSON.stringify(res);
        const found = leaks(text, doc);
        if (found.length) problems.push(`Query.${field.name} shows ${found.slice(0, 5).join(', ')}\n  ${doc.slice(0, 300)}`);
        for (const m of countMismatches(res.data)) problems.push(`Query.${field.name} miscounts: ${m}\n  ${doc.slice(0, 300)}`);
        for (const e of res.errors ?? []) {
          if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
            problems.push(
              `Query.${field.name}: ${e.extensions.code} ${e.message} at ${JSON.stringify((e as { path?: unknown }).path)}\n  ${doc.slice(0, 300)}`,
            );
        }
        if (!res.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) ran.add(field.name);
      }
    }
    expect(summary(problems)).toEqual([]);
    expect([...ran].sort()).toEqual(Object.keys(client.getQueryType()!.getFields()).sort());
  }, 120_000);

  it('the same documents do reach other regions for an ADMIN (so the walk above can fail)', async () => {
    const reached: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      for (const doc of documents('Query', field)) {
        if (leaks(JSON.stringify(await gql(ADMIN, doc)), doc).length) {
          reached.push(field.name);
          break;
        }
      }
    }
    for (const f of ['customer', 'customers', 'engineer', 'handoff', 'node', 'search', 'attention', 'whoCovers'])
      expect(reached).toContain(f);
  }, 120_000);

  it('every mutation aimed at other regions is refused without writing there, and shows nothing of them', async () => {
    const neighbourhood = async () =>
      JSON.stringify(
        await store.read(
          `MATCH (c:Customer) WHERE c.id IN $out OPTIONAL MATCH (c)-[r]-(n) RETURN c.id AS c, properties(c) AS cp, type(r) AS t, properties(r) AS rp, n.id AS n ORDER BY c, t, n`,
          { out: outsideCustomers },
        ),
      );
    const before = await neighbourhood();
    const problems: string[] = [];
    const ran = new Set<string>();
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const docs = documents('Mutation', field);
      if (!docs.length) problems.push(`Mutation.${field.name}: no document could be built (teach this test its arguments)`);
      for (const doc of docs) {
        const res = await gql(MANAGER, doc);
        const found = leaks(JSON.stringify(res), doc);
        if (found.length) problems.push(`Mutation.${field.name} shows ${found.slice(0, 5).join(', ')}\n  ${doc.slice(0, 300)}`);
        for (const e of res.errors ?? []) {
          if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
            problems.push(
              `Mutation.${field.name}: ${e.extensions.code} ${e.message} at ${JSON.stringify((e as { path?: unknown }).path)}\n  ${doc.slice(0, 300)}`,
            );
        }
        if (!res.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) ran.add(field.name);
        const after = await neighbourhood();
        if (after !== before) {
          problems.push(`Mutation.${field.name} wrote at another region's customer\n  ${doc.slice(0, 300)}`);
          break;
        }
      }
    }
    expect(summary(problems)).toEqual([]);
    expect([...ran].sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
  }, 180_000);

  it('every REST route shows nothing of other regions', async () => {
    const stack = (
      server.app as unknown as { router: { stack: { route?: { path: string | RegExp; methods: Record<string, boolean> } }[] } }
    ).router.stack;
    const all = stack.filter((l) => l.route && l.route.methods.get).map((l) => l.route!.path);
    // The web app's fallback (a RegExp route) serves the same static HTML for any path: no data.
    const fallbacks = all.filter((p) => typeof p !== 'string');
    expect(fallbacks.length).toBeLessThanOrEqual(1);
    const routes = all.filter((p): p is string => typeof p === 'string');
    expect(routes.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const route of routes) {
      const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const label = labelOf(route);
      const candidates = params.length ? (label ? pool[label] : []) : [''];
      if (!candidates.length) problems.push(`${route}: no ids to try (teach this test its parameters)`);
      for (const id of candidates) {
        for (const search of ['', '?format=csv']) {
          const url = base + route.replace(/:\w+/g, id) + search;
          const res = await fetch(url, { headers: { authorization: `Bearer ${managerKey}` } });
          const text = await res.text();
          if (res.status >= 500) problems.push(`GET ${url}: ${res.status}`);
          const found = leaks(text, id);
          if (found.length) problems.push(`GET ${url} shows ${found.slice(0, 5).join(', ')}`);
        }
      }
    }
    expect(routes).toContain('/handoffs/:id/checklist');
    expect(problems).toEqual([]);
  }, 60_000);
});
