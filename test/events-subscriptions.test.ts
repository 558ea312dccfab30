import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys';
import { buildRapportSchema } from '../src/build-schema';
import { createServer, type RapportServer } from '../src/server';
import type { Store } from '../src/graph/store';
import { silentLogger } from './support/harness';
import { testEngines } from './support/engines';
import { EFFECTIVE, HANDOFF_NOW, handoffFixture } from './support/handoff-fixture';

interface Ev {
  id: string;
  type: string;
  customerId: string | null;
  regionId: string | null;
  payload: string;
}

const SUBSCRIBE = 'subscription($types: [EventType!]) { events(types: $types) { id type customerId regionId payload } }';

/** A graphql-ws client over a real socket; collects what it receives. */
function subscriber(url: string, authorization: string, types: string[] | null) {
  const received: Ev[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: (e) => errors.push(e),
  });
  const subscribed = new Promise<void>((resolve) => {
    client.on('connected', () => setTimeout(resolve, 100)); // the subscription is set up right after connecting
    client.on('closed', () => resolve());
  });
  client.subscribe<{ events: Ev }>(
    { query: SUBSCRIBE, variables: { types } },
    {
      next: (r) => r.data && received.push(r.data.events),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { received, errors, subscribed, close: () => client.dispose() };
}

const post = async (url: string, key: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- an answer read without generated types
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
};

const waitFor = async (pred: () => boolean, what: string) => {
  const until = Date.now() + 10_000;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.each(testEngines())('event subscriptions over graphql-ws on $name', (engine) => {
  let store: Store;
  let server: RapportServer;
  let url: string;
  let admin: string;
  let wuhanViewer: string;
  beforeEach(async () => {
    store = await engine.open();
    await handoffFixture().write(store);
    const who = { actor: 'test', now: HANDOFF_NOW };
    admin = (await createApiKey(store, { name: 'admin', roles: ['ADMIN'], regions: [] }, who)).token;
    wuhanViewer = (await createApiKey(store, { name: 'wuhan', roles: ['VIEWER'], regions: ['reg_wuhan'] }, who)).token;
    server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test' },
      store,
      schema: await buildRapportSchema(),
      logger: silentLogger,
      auth: { enabled: true, reason: 'test', jwt: null },
    });
    url = await server.listen();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('a subscriber receives CoverageChanged after a handoff completes; a region-scoped one never sees another region', async () => {
    const all = subscriber(url.replace('http', 'ws'), `Bearer ${admin}`, null);
    const coverageOnly = subscriber(url.replace('http', 'ws'), `Bearer ${admin}`, ['CoverageChanged']);
    const wuhan = subscriber(url.replace('http', 'ws'), `Bearer ${wuhanViewer}`, null);
    const refused = subscriber(url.replace('http', 'ws'), 'Bearer rpk_not-a-key', null);
    await Promise.all([all.subscribed, coverageOnly.subscribed, wuhan.subscribed, refused.subscribed]);
    try {
      const { startHandoff } = await post(url, admin, 'mutation($i: PlanHandoffInput!) { startHandoff(input: $i) { id } }', {
        i: { outgoingEngineerId: 'eng_a', successors: [{ engineerId: 'eng_c' }], reason: 'ROTATION', effectiveAt: EFFECTIVE },
      });
      await post(url, admin, 'mutation($id: ID!) { completeHandoff(id: $id, force: true, reason: "urgent") { id } }', {
        id: startHandoff.id,
      });
      await waitFor(() => all.received.some((e) => e.type === 'HandoffCompleted'), 'HandoffCompleted');
      await waitFor(() => coverageOnly.received.length === 3, 'three coverage changes');
      await new Promise((r) => setTimeout(r, 200));

      // FlagRaised / FlagCleared (issue 16) come with these changes too (the handoff's open items...): checked below.
      const isFlag = (e: Ev) => e.type === 'FlagRaised' || e.type === 'FlagCleared';
      expect(all.received.filter((e) => !isFlag(e)).map((e) => e.type)).toEqual([
        'HandoffStarted',
        'CoverageChanged',
        'CoverageChanged',
        'CoverageChanged',
        'CustomerIntroduction',
        'CustomerIntroduction',
        'CustomerIntroduction',
        'CaseOwnerChanged',
        'HandoffCompleted',
      ]);
      // Subscriptions never carry phones in clear.
      const intro = JSON.parse(all.received.find((e) => e.type === 'CustomerIntroduction' && e.customerId === 'cus_small')!.payload);
      expect(JSON.stringify(intro)).not.toContain('+86 138 0000 0003');
      expect(coverageOnly.received.map((e) => e.customerId).sort()).toEqual(['cus_big1', 'cus_big2', 'cus_small']);
      const big1 = coverageOnly.received.find((e) => e.customerId === 'cus_big1')!;
      expect(JSON.parse(big1.payload)).toMatchObject({
        role: 'PRIMARY',
        fromEngineerId: 'eng_a',
        toEngineerId: 'eng_c',
        handoffId: startHandoff.id,
      });
      // The Wuhan viewer sees the Wuhan customer's change and nothing of Urumqi (nor the handoff-wide events).
      expect(wuhan.received.filter((e) => !isFlag(e)).map((e) => [e.type, e.customerId, e.regionId])).toEqual([
        ['CoverageChanged', 'cus_big2', 'reg_wuhan'],
        ['CustomerIntroduction', 'cus_big2', 'reg_wuhan'],
      ]);
      // Flag events are filtered by region like the other customer events.
      const flagsAll = all.received.filter(isFlag);
      expect(flagsAll.length).toBeGreaterThan(0);
      expect(wuhan.received.filter(isFlag).map((e) => e.id)).toEqual(flagsAll.filter((e) => e.regionId === 'reg_wuhan').map((e) => e.id));
      expect(flagsAll.some((e) => e.regionId !== 'reg_wuhan')).toBe(true);
      // A bad credential gets no connection at all.
      expect(refused.received).toEqual([]);
      expect(refused.errors.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([all.close(), coverageOnly.close(), wuhan.close(), refused.close()]);
    }
  });
  it('answers a malformed subscription with its GraphQL errors and keeps serving others', async () => {
    const ws = url.replace('http', 'ws');
    const ask = (query: string) =>
      new Promise<{ errors?: unknown; closed?: unknown }>((resolve) => {
        const client: Client = createClient({
          url: ws,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${admin}` },
          retryAttempts: 0,
        });
        client.subscribe(
          { query },
          {
            next: () => undefined,
            error: (e) => {
              resolve(Array.isArray(e) ? { errors: e } : { closed: e });
              void client.dispose();
            },
            complete: () => resolve({}),
          },
        );
      });
    for (const query of [
      'subscription { events @skip(if: $nope) { id } }',
      'subscription { events @include(if: "yes") { id } }',
      'subscription { events @skip { id } }',
      'subscription { events { id } other: events { id } }',
      'subscription { events { nope } }',
    ]) {
      const answer = await ask(query);
      // A list of GraphQL errors (graphql-ws's "error" message), not a closed socket or an internal error.
      expect({ query, answer: Array.isArray(answer.errors) }).toEqual({ query, answer: true });
      expect(JSON.stringify(answer.errors)).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
    }
    // The server still serves a well-formed subscription.
    const ok = subscriber(ws, `Bearer ${admin}`, null);
    await ok.subscribed;
    try {
      await post(url, admin, 'mutation($id: ID!) { assignCaseOwner(caseId: $id, engineerId: "eng_c") { id } }', { id: 'cas_small-board' });
      await waitFor(() => ok.received.some((e) => e.type === 'CaseOwnerChanged'), 'CaseOwnerChanged');
      expect(ok.errors).toEqual([]);
    } finally {
      await ok.close();
    }
  });
});
