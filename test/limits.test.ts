import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import {
  DEFAULT_QUERY_LIMITS,
  LimitCode,
  fragmentsOf,
  limitViolations,
  operationCost,
  operationShape,
  withoutSuggestions,
} from '../src/graphql-limits';
import { DEFAULT_LIMITS, limitsFromEnv, parseByteSize } from '../src/limits-config';
import { TokenBuckets, callerKey } from '../src/http/limits';
import { ConfigError, loadConfig } from '../src/config';
import { testSchema } from './support/harness';

/** Query limits (issue #7): how documents are measured, what the defaults admit, and the settings. */

const only = (doc: DocumentNode): OperationDefinitionNode => {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  expect(ops).toHaveLength(1);
  return ops[0];
};
const shape = (source: string) => {
  const doc = parse(source);
  return operationShape(only(doc), fragmentsOf(doc));
};
const cost = async (source: string, variables?: Record<string, unknown>) => {
  const doc = parse(source);
  return operationCost(await testSchema(), only(doc), fragmentsOf(doc), variables);
};

describe('measuring an operation', () => {
  it('depth counts nested fields, through inline and named fragments', () => {
    expect(shape('{ health { ok } }').depth).toBe(2);
    expect(shape('{ customer(id: "cus_a") { ... on Customer { region { parent { name } } } } }').depth).toBe(4);
    expect(shape('query { customer(id: "cus_a") { ...F } } fragment F on Customer { region { parent { name } } }').depth).toBe(4);
  });

  it('introspection counts as one level (graphql-js bounds it with MaxIntrospectionDepthRule)', () => {
    expect(shape('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }').depth).toBe(1);
  });

  it('aliases and directives count where a fragment is spread, also on the operation and its variables', () => {
    const s = shape(`query Q($a: Boolean! = true @deprecated) @skip(if: false) {
      a: health { ok } ...F ...F
    }
    fragment F on Query @include(if: true) { b: health { x: ok @skip(if: false) } }`);
    // a, and b + x in each of the two spreads.
    expect(s.aliases).toBe(5);
    // @deprecated on $a, @skip on the query, and per spread: @include on F, @skip on x.
    expect(s.directives).toBe(6);
  });

  it('a chain of fragments that spread each other twice is measured once per fragment, not 2^n times', () => {
    const n = 60;
    const fragments = Array.from({ length: n }, (_, i) =>
      i === n - 1 ? `fragment F${i} on Query { a: health { ok } }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const doc = `{ ...F0 } ${fragments.join(' ')}`;
    expect(shape(doc).aliases).toBe(2 ** (n - 1));
  });

  it('fragment cycles and unknown fragments do not loop (other rules report them)', () => {
    expect(shape('{ ...A ...Missing } fragment A on Query { health { ok } ...B } fragment B on Query { ...A }').depth).toBe(2);
  });

  it('cost: each object costs 1 plus its selection, times its list size; scalars are free', async () => {
    expect(await cost('{ health { ok store } }')).toBe(1);
    // The example in src/graphql-limits.ts: 1 connection + 50 edges × (1 edge + 1 node + 20 contacts).
    expect(await cost('{ customers(first: 50) { edges { node { name contacts { name } } } } }')).toBe(1 + 50 * 22);
  });

  it('cost: `first` from a literal or a variable, 20 when left out, at most 200', async () => {
    const q = 'query($n: Int) { customers(first: $n) { totalCount edges { node { id } } } }';
    expect(await cost(q, { n: 10 })).toBe(1 + 10 * 2);
    expect(await cost(q, {})).toBe(1 + 20 * 2);
    expect(await cost(q, { n: null })).toBe(1 + 20 * 2);
    expect(await cost(q, { n: 1_000_000 })).toBe(1 + 200 * 2);
    expect(await cost('query($n: Int = 5) { customers(first: $n) { edges { node { id } } } }')).toBe(1 + 5 * 2);
    expect(await cost('{ search(text: "x", first: 3) { __typename } }')).toBe(3);
  });

  it('cost: `last` sizes a page read backwards as `first` does', async () => {
    expect(await cost('{ customers(last: 150) { edges { node { id } } } }')).toBe(1 + 150 * 2);
    expect(await cost('query($n: Int) { customers(last: $n, before: "x") { edges { node { id } } } }', { n: 1000 })).toBe(1 + 200 * 2);
    expect(await cost('{ customer(id: "cus_a") { coverageHistory(last: 40) { edges { node { id } } } } }')).toBe(1 + 1 + 40 * 2);
  });

  it('cost: a list without `first` counts 20; nested lists multiply', async () => {
    expect(await cost('{ customer(id: "cus_a") { contacts { reportingLine { name } } } }')).toBe(1 + 20 * (1 + 20));
  });

  it('cost: fragments on several types all count; introspection and __typename are free', async () => {
    const q = '{ node(id: "cus_a") { __typename ... on Customer { region { name } } ... on Contact { employments { from } } } }';
    expect(await cost(q)).toBe(1 + 1 + 20);
    expect(await cost('{ __schema { types { fields { name } } } }')).toBe(0);
  });

  it('"Did you mean …?" is cut from messages', () => {
    expect(withoutSuggestions('Cannot query field "healt" on type "Query". Did you mean "health"?')).toBe(
      'Cannot query field "healt" on type "Query".',
    );
    expect(
      withoutSuggestions('Value "PRIMRY" does not exist in "CoverageRole" enum. Did you mean the enum value "PRIMARY" or "BACKUP"?'),
    ).toBe('Value "PRIMRY" does not exist in "CoverageRole" enum.');
  });
});

describe('limitViolations names every limit a document breaks', () => {
  const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: 4, maxAliases: 1, maxDirectives: 1, maxCost: 100, maxTokens: 200 };
  it.each([
    ['{ customer(id: "x") { region { parent { parent { name } } } } }', LimitCode.QUERY_TOO_DEEP, 4, 5],
    ['{ a: health { ok } b: health { ok } }', LimitCode.TOO_MANY_ALIASES, 1, 2],
    ['{ health @skip(if: false) { ok @include(if: true) } }', LimitCode.TOO_MANY_DIRECTIVES, 1, 2],
    ['{ customers(first: 200) { edges { node { id } } } }', LimitCode.QUERY_TOO_COSTLY, 100, 401],
    [`{ ${'health { ok } '.repeat(60)} }`, LimitCode.TOO_MANY_TOKENS, 200, 201],
  ])('%s → %s', async (source, code, limit, found) => {
    expect(limitViolations(await testSchema(), source, limits)).toEqual([expect.objectContaining({ code, limit, found })]);
  });
});

// ---------------------------------------------------------------------------------------------

/** Each operation of a .graphql file as a client sends it: the operation and the fragments it uses. */
function clientDocuments(source: string): { name: string; source: string }[] {
  const doc = parse(source);
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const used = (node: DefinitionNode, seen = new Set<string>()): Set<string> => {
    visit(node, {
      FragmentSpread(s) {
        if (seen.has(s.name.value)) return;
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) used(f, seen);
      },
    });
    return seen;
  };
  return doc.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => ({
      name: op.name?.value ?? '(anonymous)',
      source: [op, ...[...used(op)].map((n) => fragments.get(n)!)].map((d) => print(d)).join('\n'),
    }));
}

/** Every `first`-like variable at the largest page the resolvers accept: the most a client can ask. */
function largestPages(source: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const d of parse(source).definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of d.variableDefinitions ?? []) if (/^first$/i.test(v.variable.name.value)) vars[v.variable.name.value] = 200;
  }
  return vars;
}

describe('the operations clients use stay under every default limit', () => {
  const opsDir = path.join(__dirname, 'operations');
  const files = readdirSync(opsDir).filter((f) => f.endsWith('.graphql'));
  const operations = files.flatMap((file) =>
    clientDocuments(readFileSync(path.join(opsDir, file), 'utf8')).map((op) => [`${file} ${op.name}`, op.source] as const),
  );
  const docsDir = path.join(__dirname, '..', 'docs');
  const guides = [
    'README.md',
    ...readdirSync(docsDir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const examples = guides.flatMap((guide) =>
    [...readFileSync(path.join(__dirname, '..', guide), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
      (m, i) => [`${guide} example ${i + 1}`, m[1]] as const,
    ),
  );

  it('finds the operations and the examples of the docs', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(examples.length).toBeGreaterThan(5);
  });

  it.each([...operations, ...examples])('%s (with every page at 200)', async (_name, source) => {
    expect(limitViolations(await testSchema(), source, DEFAULT_QUERY_LIMITS, largestPages(source))).toEqual([]);
  });

  it.each(files)('the whole of %s parses within the token limit', async (file) => {
    const source = readFileSync(path.join(opsDir, file), 'utf8');
    expect(
      limitViolations(await testSchema(), source, { ...DEFAULT_QUERY_LIMITS, maxCost: Infinity }).filter(
        (v) => v.code === LimitCode.TOO_MANY_TOKENS,
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('limits from the environment', () => {
  const read = (env: Record<string, string>) => {
    const problems: string[] = [];
    const limits = limitsFromEnv((name) => env[name], problems);
    return { limits, problems };
  };

  it('has documented defaults', () => {
    expect(read({})).toEqual({
      limits: {
        query: { maxDepth: 12, maxAliases: 30, maxTokens: 5000, maxDirectives: 20, maxCost: 25_000 },
        bodyLimitBytes: 1024 * 1024,
        rateLimitPerMinute: 600,
        corsOrigins: [],
      },
      problems: [],
    });
    expect(read({}).limits).toEqual(DEFAULT_LIMITS);
  });

  it('reads every variable', () => {
    const { limits, problems } = read({
      RAPPORT_MAX_DEPTH: '8',
      RAPPORT_MAX_ALIASES: '0',
      RAPPORT_MAX_TOKENS: '2000',
      RAPPORT_MAX_DIRECTIVES: '5',
      RAPPORT_MAX_COST: '5000',
      RAPPORT_BODY_LIMIT: '256kb',
      RAPPORT_RATE_LIMIT_PER_MINUTE: '0',
      RAPPORT_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    });
    expect(problems).toEqual([]);
    expect(limits).toEqual({
      query: { maxDepth: 8, maxAliases: 0, maxTokens: 2000, maxDirectives: 5, maxCost: 5000 },
      bodyLimitBytes: 256 * 1024,
      rateLimitPerMinute: 0,
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
    });
  });

  it('reports every bad value, by variable name', () => {
    const { problems } = read({
      RAPPORT_MAX_DEPTH: '1',
      RAPPORT_MAX_ALIASES: 'many',
      RAPPORT_MAX_TOKENS: '-5',
      RAPPORT_MAX_COST: '1.5',
      RAPPORT_BODY_LIMIT: '1gb',
      RAPPORT_RATE_LIMIT_PER_MINUTE: 'fast',
      RAPPORT_CORS_ORIGINS: '*,https://ok.example.com,https://x.example.com/path,ftp://files',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^RAPPORT_MAX_DEPTH="1" is not a whole number between 2 and 100$/),
      expect.stringMatching(/^RAPPORT_MAX_ALIASES="many"/),
      expect.stringMatching(/^RAPPORT_MAX_TOKENS="-5"/),
      expect.stringMatching(/^RAPPORT_MAX_COST="1.5"/),
      expect.stringMatching(/^RAPPORT_BODY_LIMIT="1gb"/),
      expect.stringMatching(/^RAPPORT_RATE_LIMIT_PER_MINUTE="fast"/),
      expect.stringMatching(/^RAPPORT_CORS_ORIGINS: "\*" is not allowed/),
      expect.stringMatching(/"https:\/\/x.example.com\/path" is not an origin/),
      expect.stringMatching(/"ftp:\/\/files" is not an origin/),
    ]);
  });

  it('sizes: bytes, kb, mb', () => {
    expect(parseByteSize('1048576')).toBe(1048576);
    expect(parseByteSize('512kb')).toBe(524288);
    expect(parseByteSize('1MB')).toBe(1048576);
    expect(parseByteSize('1.5mb')).toBeUndefined();
  });

  it('loadConfig carries the limits and stops on a bad one with the others', () => {
    expect(loadConfig({ RAPPORT_MAX_DEPTH: '9' }).limits.query.maxDepth).toBe(9);
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(() => loadConfig({ RAPPORT_MAX_COST: '0', RAPPORT_PORT: 'x' })).toThrow(ConfigError);
    try {
      loadConfig({ RAPPORT_MAX_COST: '0', RAPPORT_PORT: 'x' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^RAPPORT_PORT/), expect.stringMatching(/^RAPPORT_MAX_COST="0"/)]),
      );
    }
  });
});

describe('rate limit: a token bucket per caller', () => {
  it('lets a minute’s worth through at once, then one per 60/N seconds, with the wait in whole seconds', () => {
    let now = 1_000_000;
    const buckets = new TokenBuckets(6, () => now); // 6 a minute: one every 10 s
    for (let i = 0; i < 6; i++) expect(buckets.take('a')).toMatchObject({ ok: true, remaining: 5 - i });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('b')).toMatchObject({ ok: true }); // another caller has its own bucket
    now += 4_000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(buckets.take('a')).toMatchObject({ ok: true, remaining: 0 });
    expect(buckets.take('a')).toMatchObject({ ok: false });
    now += 3_600_000; // refills to the minute's worth, not beyond
    for (let i = 0; i < 6; i++) expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
  });

  it('keeps at most maxKeys buckets, dropping idle ones first', () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      buckets.take(`caller-${i}`);
      now += 10;
    }
    expect(buckets.size).toBeLessThanOrEqual(100);
    // A caller who keeps sending stays limited while new callers push idle ones out.
    for (let i = 0; i < 60; i++) buckets.take('busy');
    for (let i = 0; i < 150; i++) {
      buckets.take(`other-${i}`);
      expect(buckets.take('busy').ok).toBe(false);
    }
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('counts against the API key, else the person, else the address', () => {
    const req = { ip: '10.0.0.7', socket: {} } as never;
    expect(callerKey(req, { locals: { principal: { keyId: 'k1', actor: 'key:k1' } } } as never)).toBe('key:k1');
    expect(callerKey(req, { locals: { principal: { actor: 'user:ana' } } } as never)).toBe('actor:user:ana');
    expect(callerKey(req, { locals: {} } as never)).toBe('ip:10.0.0.7');
  });
});
