import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, execute, parse } from 'graphql';
import { CompiledOperations } from '../../src/graphql-executor';

/**
 * The compiled executor's cache and its fallbacks (issue 15, src/graphql-executor.ts). Whole
 * operations are compared with graphql-js on the real schema in test/fuzz.test.ts.
 */

class Refused extends Error {
  readonly extensions = { code: 'NOT_FOUND' };
}

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
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('boom');
        },
      },
      refused: {
        type: GraphQLString,
        resolve: () => {
          throw new Refused('no such thing');
        },
      },
      required: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: () => null,
      },
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

const plain = (source: string, variables?: Record<string, unknown>, operationName?: string) =>
  execute({ schema, document: parse(source), variableValues: variables, operationName });

describe('compiled operations', () => {
  it('runs an operation on graphql-js the first time and compiles it the second time', async () => {
    const ops = new CompiledOperations(schema);
    expect(await ops.run(op('{ hello(n: 1) }'))).toEqual({ data: { hello: 'hi 1' } });
    expect(ops.compilations).toBe(0);
    expect(await ops.run(op('{ hello(n: 1) }'))).toEqual({ data: { hello: 'hi 1' } });
    expect(ops.compilations).toBe(1);
    await ops.run(op('{ hello(n: 1) }'));
    expect(ops.compilations).toBe(1);
  });

  it('compiles at once with compileAt 1, and keeps at most `capacity` operations, the least recently used dropped', async () => {
    const ops = new CompiledOperations(schema, { capacity: 2, compileAt: 1 });
    await ops.run(op('{ a: hello(n: 1) }'));
    await ops.run(op('{ b: hello(n: 2) }'));
    await ops.run(op('{ a: hello(n: 1) }')); // a is now the most recent
    await ops.run(op('{ c: hello(n: 3) }')); // drops b
    expect(ops.size).toBe(2);
    expect(ops.compilations).toBe(3);
    await ops.run(op('{ a: hello(n: 1) }'));
    expect(ops.compilations).toBe(3);
    await ops.run(op('{ b: hello(n: 2) }'));
    expect(ops.compilations).toBe(4);
  });

  it('tells apart two operations of one document by their name', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    const source = 'query A { hello(n: 1) } query B { hello(n: 2) }';
    expect(await ops.run(op(source, undefined, 'A'))).toEqual({ data: { hello: 'hi 1' } });
    expect(await ops.run(op(source, undefined, 'B'))).toEqual({ data: { hello: 'hi 2' } });
  });

  it("answers bad variables with graphql-js's own errors, before any resolver runs", async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    const source = 'query Q($n: Int!) { hello(n: $n) }';
    calls.length = 0;
    for (const variables of [{ n: 'one' }, {}]) {
      const result = await ops.run(op(source, variables));
      const expected = await plain(source, variables);
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((e) => [e.message, e.locations, e.nodes?.length])).toEqual(
        expected.errors?.map((e) => [e.message, e.locations, e.nodes?.length]),
      );
    }
    expect(calls).toEqual([]);
  });

  it('gives field errors as graphql-js errors: message, locations, path, cause and its extensions', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    const source = '{ hello(n: 2) broken refused }';
    const result = await ops.run(op(source));
    const expected = await plain(source);
    expect(result.data).toEqual(expected.data);
    expect(result.errors).toHaveLength(2);
    for (const [i, error] of result.errors!.entries()) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.toJSON()).toEqual(expected.errors![i].toJSON());
      expect(error.originalError).toBeInstanceOf(Error);
    }
    // Apollo reads `extensions.code` of every error: graphql-jit's own errors have no `extensions`.
    expect(result.errors![0].extensions).toEqual({});
    expect(result.errors![1].extensions).toEqual({ code: 'NOT_FOUND' });
    expect(result.errors![1].originalError).toBeInstanceOf(Refused);
  });

  it('propagates a null in a non-null field as graphql-js does', async () => {
    const ops = new CompiledOperations(schema, { compileAt: 1 });
    const source = '{ hello(n: 3) required }';
    const result = await ops.run(op(source));
    const expected = await plain(source);
    expect(result.data).toEqual(expected.data);
    expect(result.errors?.map((e) => e.toJSON())).toEqual(expected.errors?.map((e) => e.toJSON()));
  });
});
