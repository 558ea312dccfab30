/**
 * @jest-environment jsdom
 */
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths';
import { createRequest } from 'urql';
import { pipe, subscribe } from 'wonka';
import { makeClient } from '../../web/src/auth';
import { WorkspaceCustomerCardDocument } from '../../web/src/gql/graphql';
import { fetchWithEarlyCard, takeEarlyCardAnswer, TOKEN_STORAGE_KEY } from '../../web/src/lib/early-card';

/**
 * The customer card opened by its address: index.html (as built by the test run's global set-up) sends
 * the card's query before the app has loaded, and the app's first identical request takes that answer
 * instead of asking the server a second time.
 */
const html = readFileSync(path.join(REPO_ROOT, 'dist', 'web', 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const early = inline.find((s) => s.includes('__rapportEarly'));

type Call = { url: string; init: RequestInit };
let calls: Call[];

function open(url: string, token: string | null = null) {
  window.history.pushState({}, '', url);
  if (token) localStorage.setItem(TOKEN_STORAGE_KEY, token);
  else localStorage.removeItem(TOKEN_STORAGE_KEY);
  window.__rapportEarly = undefined;
  // The inline script, run as the browser runs it while parsing index.html.
  new Function(early!)();
}

/** The request the app's GraphQL client sends for the card (urql's body and headers). */
function appRequest(id: string, token: string | null = null, operationName = 'WorkspaceCustomerCard'): RequestInit {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json', 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    method: 'POST',
    headers,
    body: JSON.stringify({ operationName, query: 'query WorkspaceCustomerCard { x }', variables: { id, at: null } }),
  };
}

beforeEach(() => {
  calls = [];
  global.fetch = jest.fn((url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init! });
    return Promise.resolve({ n: calls.length } as unknown as Response);
  }) as typeof fetch;
});

describe('the early card request in index.html', () => {
  it('is in the built page, with the card operation from customer.graphql and the fragments it spreads, valid against the schema', () => {
    expect(early).toBeDefined();
    expect(early).toContain('query WorkspaceCustomerCard($id: ID!, $at: DateTime)');
    open('/customers/cus_ct-wuhan');
    const { query } = JSON.parse(String(calls[0].init.body)) as { query: string };
    const schema = buildSchema(readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8'));
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
    expect(query).toContain('fragment FlagWithEvidence on CustomerFlag');
    expect(early).not.toMatch(/__(QUERY|OPERATION)__/);
    expect(early).toContain(JSON.stringify(TOKEN_STORAGE_KEY).slice(1, -1));
  });

  it('asks for the card once: the app takes the early answer for the same customer and token', async () => {
    open('/customers/cus_ct-wuhan', 'key-1');
    expect(calls).toHaveLength(1);
    const sent = JSON.parse(String(calls[0].init.body));
    expect(calls[0].url).toBe('/graphql');
    expect(sent).toMatchObject({ operationName: 'WorkspaceCustomerCard', variables: { id: 'cus_ct-wuhan', at: null } });
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer key-1');

    const answer = await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', 'key-1'));
    expect(answer).toEqual({ n: 1 });
    expect(calls).toHaveLength(1);
    // Taken once: the next card request (a refresh) goes to the server.
    await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', 'key-1'));
    expect(calls).toHaveLength(2);
  });

  it('leaves other requests alone: another operation, another customer, another token', async () => {
    open('/customers/cus_ct-wuhan', 'key-1');
    await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', 'key-1', 'Viewer'));
    await fetchWithEarlyCard('/graphql', appRequest('cus_cu-harbin', 'key-1'));
    await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', 'key-2'));
    await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', null));
    expect(calls).toHaveLength(5);
    expect(window.__rapportEarly).toBeDefined();
  });

  it('decodes the id from the address and sends no token when none is stored', () => {
    open('/customers/cus_%E4%B8%AD');
    const sent = JSON.parse(String(calls[0].init.body));
    expect(sent.variables.id).toBe('cus_中');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  it('sends nothing on other pages or for an "as of" date (the page computes that instant itself)', () => {
    open('/attention');
    open('/customers/cus_ct-wuhan/history');
    open('/customers/cus_ct-wuhan?at=2026-03-01');
    expect(calls).toHaveLength(0);
    expect(window.__rapportEarly).toBeUndefined();
  });

  it('asks again when the early request failed', async () => {
    open('/customers/cus_ct-wuhan');
    window.__rapportEarly!.response = Promise.reject(new Error('offline'));
    const answer = await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan'));
    expect(answer).toEqual({ n: 2 });
  });
});

describe('the early answer, already back when the app starts', () => {
  const body = { data: { customer: { id: 'cus_ct-wuhan', name: '中国电信武汉分公司' } } };
  /** A fetch answering like the server: ok, JSON `answer`. */
  const answering = (answer: unknown) =>
    jest.fn((url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      const response = { ok: true, json: () => Promise.resolve(answer), clone: () => response };
      return Promise.resolve(response as unknown as Response);
    }) as typeof fetch;
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('is kept by the early script when complete, not when it carries errors', async () => {
    global.fetch = answering(body);
    open('/customers/cus_ct-wuhan', 'key-1');
    await settle();
    expect(window.__rapportEarly!.answer).toEqual(body);
    global.fetch = answering({ data: { customer: null }, errors: [{ message: 'no' }] });
    open('/customers/cus_ct-wuhan', 'key-1');
    await settle();
    expect(window.__rapportEarly!.answer).toBeUndefined();
  });

  it('gives the card its answer at its first query, without a request, once', async () => {
    global.fetch = answering(body);
    open('/customers/cus_ct-wuhan', 'key-1');
    await settle();
    const client = makeClient('key-1');
    expect(window.__rapportEarly!.answer).toBeUndefined();
    let data: unknown;
    const request = createRequest(WorkspaceCustomerCardDocument, { id: 'cus_ct-wuhan', at: null });
    const { unsubscribe } = pipe(
      client.executeQuery(request),
      subscribe((r) => (data = r.data)),
    );
    // At once: the card renders from it at its first render.
    expect(data).toEqual(body.data);
    unsubscribe();
    expect(calls).toHaveLength(1);
    // A second client (another sign-in) finds nothing left to take.
    expect(takeEarlyCardAnswer('key-1')).toBeUndefined();
    // The card's refresh of that answer (cache-and-network) takes the same early response.
    await fetchWithEarlyCard('/graphql', appRequest('cus_ct-wuhan', 'key-1'));
    expect(calls).toHaveLength(1);
  });

  it('is not given to a client with another token, which asks the server itself', async () => {
    global.fetch = answering(body);
    open('/customers/cus_ct-wuhan', 'key-1');
    await settle();
    expect(takeEarlyCardAnswer('key-2')).toBeUndefined();
    expect(takeEarlyCardAnswer(null)).toBeUndefined();
    expect(window.__rapportEarly!.answer).toEqual(body);
  });
});
