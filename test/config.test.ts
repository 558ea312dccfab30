import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded engine on 127.0.0.1:4000 with ./data', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4000, store: 'embedded', dataDir: path.resolve('data') });
  });

  it('reads every public variable', () => {
    const c = loadConfig({
      RAPPORT_HOST: '0.0.0.0',
      RAPPORT_PORT: '8080',
      RAPPORT_STORE: 'neo4j',
      RAPPORT_DATA_DIR: '/var/lib/rapport',
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_USERNAME: 'svc',
      NEO4J_PASSWORD: 'secret',
      NEO4J_DATABASE: 'rapport',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      store: 'neo4j',
      dataDir: '/var/lib/rapport',
      neo4j: { uri: 'neo4j+s://abc.databases.neo4j.io', username: 'svc', password: 'secret', database: 'rapport' },
    });
  });

  it('reports every bad value at once, each with its variable name', () => {
    let err: unknown;
    try {
      loadConfig({ RAPPORT_PORT: '99999', RAPPORT_STORE: 'postgres', RAPPORT_SEED_ON_EMPTY: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/RAPPORT_PORT="99999"/);
    expect(problems.join('\n')).toMatch(/RAPPORT_STORE="postgres" is not one of embedded, neo4j/);
    expect(problems.join('\n')).toMatch(/RAPPORT_SEED_ON_EMPTY="maybe"/);
  });

  it('reads the access-log retention in whole days, and refuses anything else', () => {
    expect(loadConfig({}, { dotenvFile: '/nonexistent' }).accessLogDays).toBeNull();
    expect(loadConfig({ RAPPORT_ACCESS_LOG_DAYS: '400' }, { dotenvFile: '/nonexistent' }).accessLogDays).toBe(400);
    for (const bad of ['0', '-3', '1.5', 'year']) {
      expect(() => loadConfig({ RAPPORT_ACCESS_LOG_DAYS: bad }, { dotenvFile: '/nonexistent' })).toThrow(/RAPPORT_ACCESS_LOG_DAYS/);
    }
  });

  it('executes GraphQL compiled by default, interpreted on request, and refuses any other executor', () => {
    const none = { dotenvFile: '/nonexistent' };
    expect(loadConfig({}, none).graphqlExecutor).toBe('jit');
    expect(loadConfig({ RAPPORT_GRAPHQL_EXECUTOR: 'graphql-js' }, none).graphqlExecutor).toBe('graphql-js');
    expect(() => loadConfig({ RAPPORT_GRAPHQL_EXECUTOR: 'fast' }, none)).toThrow(/RAPPORT_GRAPHQL_EXECUTOR/);
  });

  it('requires a URI and a password for Neo4j', () => {
    expect(() => loadConfig({ RAPPORT_STORE: 'neo4j' })).toThrow(/NEO4J_URI is required[\s\S]*NEO4J_PASSWORD is required/);
    expect(() => loadConfig({ RAPPORT_STORE: 'neo4j', NEO4J_URI: 'http://x', NEO4J_PASSWORD: 'p' })).toThrow(/must start with neo4j:\/\//);
  });

  it('never puts the Neo4j password in an error message', () => {
    try {
      loadConfig({ RAPPORT_STORE: 'neo4j', NEO4J_URI: 'http://x', NEO4J_PASSWORD: 'hunter2' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
    expect.assertions(1);
  });
});
