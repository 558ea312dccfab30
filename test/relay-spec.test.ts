import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  buildSchema,
  getNamedType,
  type GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLList,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { SCHEMA_FILE } from '../src/build-schema';
import { REPO_ROOT } from '../src/paths';

/** The committed schema: what clients (and relay-compiler) see. */
const schema: GraphQLSchema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

const connectionTypes = Object.values(schema.getTypeMap()).filter(
  (t): t is GraphQLObjectType => isObjectType(t) && t.name.endsWith('Connection') && !t.name.startsWith('__'),
);

/** Every field anywhere in the schema whose type is a connection. */
const connectionFields = Object.values(schema.getTypeMap())
  .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
  .flatMap((t) => Object.values(t.getFields()).map((f) => ({ owner: t.name, field: f })))
  .filter(({ field }) => connectionTypes.includes(getNamedType(field.type) as GraphQLObjectType));

const show = (t: GraphQLOutputType) => t.toString();

describe('every connection follows the Relay Cursor Connections specification', () => {
  it('finds the connections in the schema', () => {
    expect(connectionTypes.map((t) => t.name)).toEqual(expect.arrayContaining(['CustomerConnection', 'CoverageConnection']));
    expect(connectionFields.length).toBeGreaterThanOrEqual(connectionTypes.length);
  });

  it('PageInfo has the four fields of the specification, non-null booleans and nullable cursors', () => {
    const pageInfo = schema.getType('PageInfo') as GraphQLObjectType;
    const fields = pageInfo.getFields();
    expect(show(fields.hasPreviousPage.type)).toBe('Boolean!');
    expect(show(fields.hasNextPage.type)).toBe('Boolean!');
    expect(show(fields.startCursor.type)).toBe('String');
    expect(show(fields.endCursor.type)).toBe('String');
  });

  describe.each(connectionTypes.map((t) => [t.name, t] as const))('%s', (_name, type) => {
    it('has edges: a non-null list of non-null edges, each with a String! cursor and a non-null node', () => {
      const edges = type.getFields().edges;
      expect(edges).toBeDefined();
      expect(isNonNullType(edges.type)).toBe(true);
      const list = (edges.type as GraphQLNonNull<GraphQLList<GraphQLOutputType>>).ofType;
      expect(isListType(list)).toBe(true);
      expect(isNonNullType(list.ofType)).toBe(true);
      const edge = getNamedType(edges.type) as GraphQLObjectType;
      expect(isObjectType(edge)).toBe(true);
      expect(show(edge.getFields().cursor.type)).toBe('String!');
      expect(isNonNullType(edge.getFields().node.type)).toBe(true);
    });

    it('has pageInfo: PageInfo!', () => {
      expect(show(type.getFields().pageInfo.type)).toBe('PageInfo!');
    });
  });

  describe.each(connectionFields.map(({ owner, field }) => [`${owner}.${field.name}`, field] as const))(
    '%s',
    (_name, field: GraphQLField<unknown, unknown>) => {
      const arg = (name: string) => field.args.find((a) => a.name === name);
      it('pages forwards with first: Int and after: String', () => {
        expect(arg('first')?.type.toString()).toBe('Int');
        expect(arg('after')?.type.toString()).toBe('String');
      });

      it('pages backwards with last: Int and before: String together, or not at all', () => {
        expect(arg('last')?.type.toString()).toBe(arg('before') ? 'Int' : undefined);
        expect(arg('before')?.type.toString()).toBe(arg('last') ? 'String' : undefined);
      });
    },
  );
});

describe('relay-compiler accepts the schema', () => {
  /** Compiles Relay documents against the committed schema.graphql in a scratch project. */
  function compile(documents: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-relay-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      copyFileSync(SCHEMA_FILE, path.join(dir, 'schema.graphql'));
      writeFileSync(
        path.join(dir, 'relay.config.json'),
        JSON.stringify({ src: './src', schema: './schema.graphql', language: 'javascript' }),
      );
      writeFileSync(path.join(dir, 'src', 'Documents.js'), documents);
      const bin = path.join(REPO_ROOT, 'node_modules', 'relay-compiler', 'cli.js');
      const res = spawnSync(process.execPath, [bin], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const generatedDir = path.join(dir, 'src', '__generated__');
      const generated = res.status === 0 ? readdirSync(generatedDir).sort() : [];
      return { status: res.status, output: `${res.stdout}${res.stderr}`, generated };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('compiles @connection on customers (forwards) and coverageHistory (backwards)', () => {
    const res = compile(`
import { graphql } from 'react-relay';
export const customers = graphql\`
  fragment Documents_customers on Query
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" })
  @refetchable(queryName: "DocumentsCustomersPaginationQuery") {
    customers(first: $count, after: $cursor) @connection(key: "Documents_customers") {
      totalCount
      edges { node { id name } }
    }
  }
\`;
export const history = graphql\`
  fragment Documents_history on Customer
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" })
  @refetchable(queryName: "DocumentsHistoryPaginationQuery") {
    coverageHistory(last: $count, before: $cursor) @connection(key: "Documents_coverageHistory") {
      edges { node { id role from to } }
    }
  }
\`;
`);
    expect(res.output).not.toMatch(/ERROR/);
    expect(res.status).toBe(0);
    expect(res.generated).toEqual([
      'DocumentsCustomersPaginationQuery.graphql.js',
      'DocumentsHistoryPaginationQuery.graphql.js',
      'Documents_customers.graphql.js',
      'Documents_history.graphql.js',
    ]);
  }, 60000);

  it('refuses a document the schema does not allow (the check can fail)', () => {
    const res = compile(`
import { graphql } from 'react-relay';
export const changes = graphql\`
  fragment Documents_changes on Query {
    changes(entityId: "cus_x", last: 5) @connection(key: "Documents_changes") {
      edges { node { id } }
    }
  }
\`;
`);
    expect(res.status).not.toBe(0);
    expect(res.output).toMatch(/last/);
  }, 60000);
});
