/** The Rapport server serves the built web app, its deep links, GraphiQL (not in production) and `viewer`. */
import { startDemoServer, type DemoServer } from './support/browser';
import { createApiKey } from '../src/auth/api-keys';

const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the web app', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer();
  }, 60_000);
  afterAll(() => demo.stop());

  it('answers / and every deep link with the app; the API paths stay the API', async () => {
    for (const path of [
      '/',
      '/customers/cus_cm-urumqi',
      '/engineers/eng_chen-gang',
      '/attention',
      '/handoffs/new',
      '/handoffs/hof_2026-06-rotation',
      '/history/cas_v1-cm-harbin-board',
      '/signin',
      '/graphiql',
    ]) {
      const res = await fetch(demo.base + path, { headers: html });
      expect([path, res.status]).toEqual([path, 200]);
      expect(await res.text()).toContain('<div id="root">');
    }
    const md = await fetch(demo.base + '/handoffs/hof_2026-06-rotation/checklist', { headers: html });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const unknown = await fetch(demo.base + '/no-such-page', { headers: html });
    expect(unknown.status).toBe(404);
  });

  it('serves hashed assets for a year and a missing asset is a 404, not the app', async () => {
    const index = await (await fetch(demo.base + '/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1];
    const res = await fetch(demo.base + script);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(demo.base + '/assets/nope.js')).status).toBe(404);
  });

  it('sends a browser opening /graphql to GraphiQL; a GraphQL client still gets the API', async () => {
    const res = await fetch(demo.base + '/graphql', { headers: html, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/graphiql');
    const api = await fetch(demo.base + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { actor roles regions mayWrite seesPersonalData authenticated } }' }),
    });
    expect(await api.json()).toEqual({
      data: {
        viewer: { actor: 'local-dev', roles: ['ADMIN'], regions: null, mayWrite: true, seesPersonalData: true, authenticated: false },
      },
    });
  });
});

describe('in production, with authentication on', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer({ env: 'production', auth: { enabled: true, reason: 'test', jwt: null } });
  }, 60_000);
  afterAll(() => demo.stop());

  it('GraphiQL is off like introspection, the app itself loads without a credential, the API still needs one', async () => {
    const g = await fetch(demo.base + '/graphiql', { headers: html });
    expect(g.status).toBe(404);
    expect(((await g.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fetch(demo.base + '/customers/cus_cm-urumqi', { headers: html })).status).toBe(200);
    const api = await fetch(demo.base + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { actor } }' }),
    });
    expect(api.status).toBe(401);
  });

  it('viewer tells a signed-in caller their role and regions', async () => {
    const { token } = await createApiKey(
      demo.store,
      { name: 'AM', roles: ['ACCOUNT_MANAGER'], regions: ['reg_hubei'] },
      { actor: 'test', now: new Date() },
    );
    const res = await fetch(demo.base + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { kind roles regions mayWrite seesPersonalData authenticated } }' }),
    });
    expect(await res.json()).toEqual({
      data: {
        viewer: {
          kind: 'api-key',
          roles: ['ACCOUNT_MANAGER'],
          regions: ['reg_hubei'],
          mayWrite: true,
          seesPersonalData: true,
          authenticated: true,
        },
      },
    });
  });
});
