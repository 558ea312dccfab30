import { HealthDocument } from './generated/graphql';
import { Harness } from './support/harness';
import { testEngines } from './support/engines';
import { EmbeddedStore } from '../src/graph/embedded-store';
import type { Store } from '../src/graph/store';

// The engine under test (the embedded one unless RAPPORT_TEST_ENGINES=neo4j narrows the run).
const [embedded] = testEngines();

describe('server over a real HTTP port', () => {
  let h: Harness;
  let url: string;
  beforeAll(async () => {
    h = await Harness.start(embedded);
    url = (await h.server.listen()).replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('GET /health answers while the process is up', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('GET /ready answers when the store does', async () => {
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: embedded.name });
  });

  it('serves { health { ok store } } on /graphql and echoes a request id', async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query: '{ health { ok store storeReachable } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect(await res.json()).toEqual({ data: { health: { ok: true, store: embedded.name, storeReachable: true } } });
  });

  it('answers a malformed document with a 400 and a code, not a 500', async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok ' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('the typed health document runs in-process', async () => {
    const data = await h.data(HealthDocument);
    expect(data.health).toEqual({ ok: true, store: embedded.name, storeReachable: true });
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then closes the store', async () => {
    const inner = EmbeddedStore.inMemory();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const pinged = new Promise<void>((r) => (entered = r));
    // The same store, but its ping waits for the test to let it go.
    const slow: Store = {
      engine: inner.engine,
      read: (c, p) => inner.read(c, p),
      write: (c, p) => inner.write(c, p),
      transaction: (w) => inner.transaction(w),
      close: () => inner.close(),
      ping: async () => {
        entered();
        await gate;
        return inner.ping();
      },
    };
    const h = await Harness.start(embedded, { store: slow });
    const url = await h.server.listen();
    const inFlight = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok storeReachable } }' }),
    });
    await pinged;
    const stopped = h.stop();
    setTimeout(release, 50);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { health: { ok: true, storeReachable: true } } });
    await stopped;
    await expect(inner.read('RETURN 1 AS x')).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('GET /ready says 503 when the store is gone', async () => {
    const inner = EmbeddedStore.inMemory();
    const h = await Harness.start(embedded, { store: inner });
    const url = (await h.server.listen()).replace(/\/graphql$/, '');
    await inner.close();
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    await h.stop();
  });
});
