import { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse } from 'graphql';
import { CompiledOperations } from '../../src/graphql-executor';

/**
 * The compiled executor's cache and when it hands a query back to graphql-js (issue 15,
 * src/graphql-executor.ts). Whole queries are compared with graphql-js on the real schema, over
 * Apollo, in test/fuzz.test.ts.
 */

const calls: string[] = [];
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: {
        type: GraphQLString,
        args: { n: { type: GraphQLInt } },
        resolve: (_p, a: { n?: number }) => (calls.push('hello'), `hi ${a.n}`),
      },
      list: {
        type: new GraphQLObjectType({
          name: 'Item',
          fields: { n: { type: GraphQLInt }, twice: { type: GraphQLInt, resolve: (p: { n: number }) => Promise.resolve(p.n * 2) } },
        }),
        resolve: () => ({ n: 4 }),
      },
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('boom');
        },
      },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
    },
  }),
});

const op = (source: string, variables?: Record<string, unknown>, operationName?: string) => ({
  key: source,
  document: parse(source),
  operationName,
  variables,
  context: {},
});

const plain = async (source: string, variables?: Record<string, unknown>, operationName?: string) =>
  JSON.parse(JSON.stringify(await execute({ schema, document: parse(source), variableValues: variables, operationName })));

describe('compiled operations', () => {
  it('leaves a query to graphql-js the first time, compiles it the second time and answers as graphql-js does', async () => {
    const ops = new CompiledOperations(schema);
    const source = '{ hello(n: 1) list { n twice } }';
    expect(await ops.execute(op(source))).toBeNull();
    expect(ops.compilations).toBe(0);
    expect(JSON.parse(JSON.stringify(await ops.execute(op(source))))).toEqual(await plain(source));
    expect(ops.compilations).toBe(1);
    await ops.execute(op(source));
    expect(ops.compilations).toBe(1);
  });

  it('compiles at once with compileAt 1, and keeps at most `capacity` queries, the least recently used dropped', async () => {
    const ops = new CompiledOperations(schema, { capacity: 2, compileAt: 1 });
    await ops.execute(op('{ a: hello(n: 1) }'));
    await ops.execute(op('{ b: hello(n: 2) }'));
    await ops.execute(op('{ a: hello(n: 1) }')); // a is now the most recent
    await ops.execute(op('{ c: hello(n: 3) }')); // drops b
    expect(ops.size).toBe(2);
    expect(ops.compilations).toBe(3);
    await ops.execute(op('{ a: hello(n: 1) }'));
    expect(ops.compilations).toBe(3);
    await ops.execute(op('{ b: hello(n: 2) }'));
    expect(ops.compilations).toBe(4);
  });

  it('tells apart two operations of one document by their name', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    const source = 'query A { hello(n: 1) } query B { hello(n: 2) }';
    expect(await ops.execute(op(source, undefined, 'A'))).toEqual({ data: { hello: 'hi 1' } });
    expect(await ops.execute(op(source, undefined, 'B'))).toEqual({ data: { hello: 'hi 2' } });
  });

  it('hands back to graphql-js a query whose variables do not fit, before any resolver runs', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    calls.length = 0;
    for (const variables of [{ n: 'one' }, {}]) expect(await ops.execute(op('query Q($n: Int!) { hello(n: $n) }', variables))).toBeNull();
    expect(calls).toEqual([]);
    expect(await ops.execute(op('query Q($n: Int!) { hello(n: $n) }', { n: 5 }))).toEqual({ data: { hello: 'hi 5' } });
  });

  it('hands back to graphql-js any answer with an error: a failing field, a null in a non-null field', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    expect(await ops.execute(op('{ hello(n: 2) broken }'))).toBeNull();
    expect(await ops.execute(op('{ hello(n: 3) required }'))).toBeNull();
    expect((await plain('{ hello(n: 3) required }')).errors).toHaveLength(1);
  });
});
