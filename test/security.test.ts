import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { print } from 'graphql';
import pino from 'pino';
import {
  ApiKeysDocument,
  AttentionDocument,
  ChangesDocument,
  CreateApiKeyDocument,
  CreateCustomerDocument,
  CustomersDocument,
  EngineersDocument,
  LogInteractionDocument,
  NodeByIdDocument,
  PortfolioDocument,
  RevokeApiKeyDocument,
  ScopedCustomerDocument,
  SearchDocument,
  StartHandoffDocument,
  UpdateContactDocument,
  WhoCoversDocument,
} from './generated/graphql';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys';
import { loadAuthConfig, type AuthConfig } from '../src/auth/auth-config';
import { signHs256 } from '../src/auth/jwt';
import { Role, type Principal } from '../src/auth/roles';
import { buildRapportSchema } from '../src/build-schema';
import { ConfigError, loadConfig } from '../src/config';
import { createServer, type RapportServer } from '../src/server';
import { testEngines } from './support/engines';
import { Harness, silentLogger } from './support/harness';
import { NOW, relationshipFixture } from './support/relationship-fixture';
import { HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';
import type { Store } from '../src/graph/store';

const as = (roles: Role[], regions: string[] | null = ['reg_xinjiang']): Principal => ({
  actor: `user:${roles.join('+').toLowerCase()}`,
  kind: 'user',
  roles,
  regions: roles.includes(Role.ADMIN) ? null : regions,
});
const VIEWER = as([Role.VIEWER]);
const MANAGER = as([Role.SERVICE_MANAGER]);
const ADMIN = as([Role.ADMIN]);

describe.each(testEngines())('roles and region scoping on $name', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start(engine);
    await relationshipFixture().write(h.store);
  });
  afterAll(async () => {
    await h.stop();
  });
  const run = (p: Principal) => ({ now: NOW, principal: p });
  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  describe('who may do what', () => {
    const interaction = (customerId: string) => ({
      input: {
        engineerId: 'eng_b',
        customerId,
        contactIds: [],
        channel: 'CALL' as const,
        at: '2025-10-30T09:00:00Z',
        summary: 'called about the board',
      },
    });
    const customer = { input: { name: 'New Customer', tier: 'STANDARD' as const, regionId: 'reg_wuhan' } };

    it.each([
      ['VIEWER', VIEWER, { read: true, writeOps: false, masterData: false, keys: false }],
      ['ACCOUNT_MANAGER', as([Role.ACCOUNT_MANAGER]), { read: true, writeOps: true, masterData: false, keys: false }],
      ['SERVICE_MANAGER', MANAGER, { read: true, writeOps: true, masterData: false, keys: false }],
      ['ADMIN', ADMIN, { read: true, writeOps: true, masterData: true, keys: true }],
    ] as const)('%s', async (_name, principal, may) => {
      const read = await h.run(WhoCoversDocument, { customerId: 'cus_cm-urumqi' }, run(principal));
      expect(read.errors === undefined).toBe(may.read);
      const write = await h.run(LogInteractionDocument, interaction('cus_cm-urumqi'), run(principal));
      expect(write.errors ? code(write) : 'OK').toBe(may.writeOps ? 'OK' : 'FORBIDDEN');
      const master = await h.run(CreateCustomerDocument, customer, run(principal));
      expect(master.errors ? code(master) : 'OK').toBe(may.masterData ? 'OK' : 'FORBIDDEN');
      const keys = await h.run(ApiKeysDocument, {}, run(principal));
      expect(keys.errors ? code(keys) : 'OK').toBe(may.keys ? 'OK' : 'FORBIDDEN');
    });

    it('a manager cannot write for a customer outside his regions', async () => {
      const res = await h.run(LogInteractionDocument, interaction('cus_ct-wuhan'), run(MANAGER));
      expect(code(res)).toBe('FORBIDDEN');
      expect(res.errors![0].message).toMatch(/outside your regions: cus_ct-wuhan/);
    });
  });

  describe('a caller limited to Xinjiang', () => {
    it('does not see a customer elsewhere by id, and sees his own', async () => {
      expect((await h.data(ScopedCustomerDocument, { id: 'cus_ct-wuhan' }, run(VIEWER))).customer).toBeNull();
      expect((await h.data(ScopedCustomerDocument, { id: 'cus_cm-urumqi' }, run(VIEWER))).customer!.id).toBe('cus_cm-urumqi');
    });

    it('connections list only his customers and engineers, with matching counts', async () => {
      const customers = await h.data(CustomersDocument, { first: 50 }, run(VIEWER));
      expect(customers.customers.edges.map((e) => e.node.id).sort()).toEqual(['cus_cm-urumqi', 'cus_hotel']);
      expect(customers.customers.totalCount).toBe(2);
      const filtered = await h.data(CustomersDocument, { filter: { region: 'reg_hubei' } }, run(VIEWER));
      expect(filtered.customers.totalCount).toBe(0);
      const engineers = await h.data(EngineersDocument, { first: 50 }, run(VIEWER));
      const ids = engineers.engineers.edges.map((e) => e.node.id);
      expect(ids).toContain('eng_b');
      expect(ids).not.toContain('eng_old');
    });

    it('node(id) is null outside his regions', async () => {
      expect((await h.data(NodeByIdDocument, { id: 'cus_ct-wuhan' }, run(VIEWER))).node).toBeNull();
      expect((await h.data(NodeByIdDocument, { id: 'eng_old' }, run(VIEWER))).node).toBeNull();
      expect((await h.data(NodeByIdDocument, { id: 'cas_c11' }, run(VIEWER))).node).toMatchObject({ id: 'cas_c11' });
    });

    it('search drops what lies outside his regions', async () => {
      expect((await h.data(SearchDocument, { text: 'china telecom' }, run(VIEWER))).search).toEqual([]);
      expect((await h.data(SearchDocument, { text: 'china telecom' }, run(ADMIN))).search.map((s) => s.node.id)).toEqual(['cus_ct-wuhan']);
      expect((await h.data(SearchDocument, { text: 'urumqi', first: 5 }, run(VIEWER))).search.map((s) => s.node.id)).toEqual([
        'cus_hotel',
        'cus_cm-urumqi',
      ]);
    });

    it('nested fields: a visible engineer shows only the coverage of visible customers', async () => {
      // Chen Gang is based in Wuhan but worked on a case in Urumqi: visible, his Wuhan portfolio not.
      const chen = await h.data(PortfolioDocument, { id: 'eng_c' }, run(VIEWER));
      expect(chen.engineer!.id).toBe('eng_c');
      expect(chen.engineer!.portfolio).toEqual([]);
      const admin = await h.data(PortfolioDocument, { id: 'eng_c' }, run(ADMIN));
      expect(admin.engineer!.portfolio.map((p) => p.customer.id)).toEqual(['cus_ct-wuhan']);
      expect((await h.data(WhoCoversDocument, { customerId: 'cus_ct-wuhan' }, run(VIEWER))).whoCovers).toEqual([]);
      const card = await h.data(ScopedCustomerDocument, { id: 'cus_cm-urumqi' }, run(VIEWER));
      expect(
        card
          .customer!.openCases.find((c) => c.id === 'cas_c11')!
          .workedOnBy.map((e) => e.id)
          .sort(),
      ).toEqual(['eng_b', 'eng_c', 'eng_p']);
    });

    it('a phone number in the change history is masked for a VIEWER like the field itself', async () => {
      await h.data(UpdateContactDocument, { input: { id: 'con_duty', phone: '+86 139 1000 0999' } }, run(ADMIN));
      const phoneChange = async (p: Principal) =>
        (await h.data(ChangesDocument, { entityId: 'con_duty' }, run(p))).changes.edges
          .flatMap((e) => e.node.fields)
          .find((f) => f.field === 'phone')!;
      expect(await phoneChange(VIEWER)).toEqual({ field: 'phone', before: '"139****0004"', after: '"139****0999"' });
      expect(await phoneChange(MANAGER)).toEqual({ field: 'phone', before: '"+86 139 1000 0004"', after: '"+86 139 1000 0999"' });
    });

    it('the attention list and the change history stay in his regions', async () => {
      const attention = await h.data(AttentionDocument, { first: 50 }, run(VIEWER));
      expect(attention.attention.edges.every((e) => ['cus_cm-urumqi', 'cus_hotel'].includes(e.node.customer.id))).toBe(true);
      const changes = await h.data(ChangesDocument, { entityId: 'cus_ct-wuhan' }, run(VIEWER));
      expect(changes.changes.totalCount).toBe(0);
    });
  });
});

describe('API keys through GraphQL', () => {
  it('shows the token once, lists keys without secrets, revokes', async () => {
    const h = await Harness.start(testEngines()[0]);
    const created = await h.data(
      CreateApiKeyDocument,
      { input: { name: 'Ticketing', roles: ['SERVICE_MANAGER'], regions: ['reg_xinjiang'] } },
      { principal: ADMIN },
    );
    expect(created.createApiKey.token).toMatch(/^rpk_key_[a-z0-9]+_[A-Za-z0-9_-]{43}$/);
    expect(created.createApiKey.key).toMatchObject({
      name: 'Ticketing',
      roles: ['SERVICE_MANAGER'],
      regions: ['reg_xinjiang'],
      createdBy: ADMIN.actor,
      revokedAt: null,
    });
    const listed = await h.data(ApiKeysDocument, {}, { principal: ADMIN });
    // The secret is the token's last 43 characters (it may itself contain '_').
    expect(JSON.stringify(listed)).not.toContain(created.createApiKey.token.slice(-43));
    const bad = await h.run(CreateApiKeyDocument, { input: { name: 'x', roles: ['VIEWER'] } }, { principal: ADMIN });
    expect(bad.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.regions', reason: 'a key without ADMIN must be limited to at least one region' }],
    });
    const revoked = await h.data(RevokeApiKeyDocument, { id: created.createApiKey.key.id }, { principal: ADMIN });
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
    await h.stop();
  });
});

describe('authentication over HTTP', () => {
  const secret = 'a-test-secret-that-is-long-enough-for-hs256!';
  let store: Store;
  let server: RapportServer;
  let base: string;
  let logLines: string[];
  let keyToken: string;
  let keyId: string;

  const start = async (auth: AuthConfig) => {
    logLines = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (logLines.push(String(chunk)), cb()) });
    const engineStore = await testEngines()[0].open();
    store = engineStore;
    server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'production' },
      store,
      schema: await buildRapportSchema(),
      logger: pino({ level: 'info' }, sink),
      auth,
    });
    base = (await server.listen()).replace(/\/graphql$/, '');
  };
  const post = (token: string | null, query = '{ health { ok } }') =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
  const refusal = async (res: Response) => ({
    status: res.status,
    body: (await res.json()) as { errors: { message: string; extensions: { code: string } }[] },
  });

  beforeAll(async () => {
    await start({ enabled: true, reason: 'test', jwt: { alg: 'HS256', secret: Buffer.from(secret) } });
    const created = await createApiKey(
      store,
      { name: 'App', roles: ['VIEWER'], regions: ['reg_xinjiang'] },
      { actor: 'test', now: new Date() },
    );
    keyToken = created.token;
    keyId = created.key.id;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('/health needs nothing; everything else needs a credential', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(401);
    const res = await refusal(await post(null));
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts a valid API key and logs its id, never the token', async () => {
    const res = await post(keyToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { health: { ok: true } } });
    const log = logLines.join('');
    expect(log).toContain(`key:${keyId}`);
    // The secret is the last 43 characters (base64url, which may itself contain '_').
    expect(log).not.toContain(keyToken.slice(-43));
  });

  it.each([
    ['a malformed key', 'rpk_nonsense', /malformed API key/],
    ['an unknown key', `rpk_key_${'0'.repeat(18)}_${'A'.repeat(43)}`, /unknown API key/],
    ['a key with the wrong secret', () => `${keyToken.slice(0, -43)}${'B'.repeat(43)}`, /unknown API key/],
  ] as const)('refuses %s', async (_what, token, message) => {
    const res = await refusal(await post(typeof token === 'function' ? token() : token));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toMatch(message);
  });

  it('refuses a revoked key at once', async () => {
    const k = await createApiKey(
      store,
      { name: 'Old app', roles: ['VIEWER'], regions: ['reg_xinjiang'] },
      { actor: 'test', now: new Date() },
    );
    expect((await post(k.token)).status).toBe(200);
    await revokeApiKey(store, k.key.id, { actor: 'test', now: new Date() });
    const res = await refusal(await post(k.token));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toBe('API key revoked');
  });

  it('accepts a valid HS256 JWT and refuses expired, forged and role-less ones', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const ok = signHs256({ sub: 'li.na', roles: ['SERVICE_MANAGER'], regions: ['reg_xinjiang'], exp }, secret);
    expect((await post(ok)).status).toBe(200);
    const cases: [string, string, RegExp][] = [
      ['expired', signHs256({ sub: 'li.na', roles: ['VIEWER'], exp: Math.floor(Date.now() / 1000) - 10 }, secret), /token expired/],
      ['forged', signHs256({ sub: 'li.na', roles: ['ADMIN'], exp }, 'another-secret-of-sufficient-length-xx'), /bad signature/],
      ['without roles', signHs256({ sub: 'li.na', roles: ['ROOT'], exp }, secret), /grants no Rapport role/],
      ['without expiry', signHs256({ sub: 'li.na', roles: ['VIEWER'] }, secret), /no expiry/],
      [
        'alg none',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['ADMIN'], exp })).toString('base64url')}.`,
        /algorithm must be HS256/,
      ],
    ];
    for (const [what, token, message] of cases) {
      const res = await refusal(await post(token));
      expect([what, res.status]).toEqual([what, 401]);
      expect(res.body.errors[0].message).toMatch(message);
    }
  });

  it('accepts RS256 tokens verified with a JWKS file', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-jwks-'));
    const jwks = path.join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' }] }));
    const problems: string[] = [];
    const auth = loadAuthConfig((n) => ({ RAPPORT_AUTH: 'on', RAPPORT_JWT_JWKS_FILE: jwks })[n as 'RAPPORT_AUTH'], '127.0.0.1', problems);
    expect(problems).toEqual([]);
    await server.stop();
    await start(auth);
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const body = `${enc({ alg: 'RS256', kid: 'k1' })}.${enc({ sub: 'wang', roles: ['VIEWER'], regions: ['reg_xinjiang'], exp: Math.floor(Date.now() / 1000) + 60 })}`;
    const token = `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
    expect((await post(token)).status).toBe(200);
    const tampered = `${body.slice(0, -2)}xx.${token.split('.')[2]}`;
    expect((await post(tampered)).status).toBe(401);
    // An HS256 token signed with the public key must not pass (algorithm confusion).
    expect(
      (
        await post(
          signHs256(
            { sub: 'x', roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) + 60 },
            publicKey.export({ format: 'pem', type: 'spki' }) as string,
          ),
        )
      ).status,
    ).toBe(401);
  });
});

describe('authentication configuration', () => {
  it('is on whenever the server binds beyond loopback, and cannot be turned off there', () => {
    expect(loadConfig({ RAPPORT_HOST: '0.0.0.0' }).auth.enabled).toBe(true);
    expect(loadConfig({}).auth).toMatchObject({ enabled: false, reason: 'bound to loopback 127.0.0.1: local development mode' });
    expect(loadConfig({ RAPPORT_AUTH: 'on' }).auth.enabled).toBe(true);
    expect(() => loadConfig({ RAPPORT_HOST: '0.0.0.0', RAPPORT_AUTH: 'off' })).toThrow(ConfigError);
    expect(() => loadConfig({ RAPPORT_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });
});

void silentLogger;

describe('the printable checklist respects regions', () => {
  it("is 404 for a handoff outside the key's regions and 200 inside", async () => {
    const engineStore = await testEngines()[0].open();
    await handoffFixture().write(engineStore);
    const server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test' },
      store: engineStore,
      schema: await buildRapportSchema(),
      logger: silentLogger,
      auth: { enabled: true, reason: 'test', jwt: null },
    });
    const base = (await server.listen()).replace(/\/graphql$/, '');
    const admin = await createApiKey(engineStore, { name: 'admin', roles: ['ADMIN'], regions: [] }, { actor: 'test', now: HANDOFF_NOW });
    const hubei = await createApiKey(
      engineStore,
      { name: 'wuhan app', roles: ['VIEWER'], regions: ['reg_wuhan'] },
      { actor: 'test', now: HANDOFF_NOW },
    );
    const start = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      // Only the Urumqi customer goes in this handoff.
      body: JSON.stringify({
        query: print(StartHandoffDocument),
        variables: {
          input: {
            outgoingEngineerId: 'eng_a',
            successors: [{ engineerId: 'eng_c', customerIds: ['cus_small'] }],
            reason: 'ROTATION',
            effectiveAt: '2026-06-15T00:00:00Z',
          },
        },
      }),
    });
    const id = ((await start.json()) as { data: { startHandoff: { id: string } } }).data.startHandoff.id;
    expect((await fetch(`${base}/handoffs/${id}/checklist`, { headers: { authorization: `Bearer ${hubei.token}` } })).status).toBe(404);
    expect((await fetch(`${base}/handoffs/${id}/checklist`, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
    expect((await fetch(`${base}/handoffs/${id}/checklist`)).status).toBe(401);
    await server.stop();
  });
});

describe('guessing credentials', () => {
  it('an address that keeps failing authentication is slowed down with 429', async () => {
    const engineStore = await testEngines()[0].open();
    const server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test' },
      store: engineStore,
      schema: await buildRapportSchema(),
      logger: silentLogger,
      auth: { enabled: true, reason: 'test', jwt: null },
    });
    const base = await server.listen();
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer rpk_key_${'0'.repeat(18)}_${'A'.repeat(43)}` },
        body: '{"query":"{ health { ok } }"}',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    await server.stop();
  });
});
