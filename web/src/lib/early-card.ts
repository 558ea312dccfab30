/**
 * The customer card's query, started by a small inline script in index.html (see web/vite.config.mts,
 * earlyCardQuery, and web/early-card.js) while the app's JavaScript is still loading, when the page opened is /customers/:id.
 * The app's first identical request (same operation, variables and token) takes that answer instead of
 * asking again; anything else goes to the network as usual. This is the same GraphQL request the app
 * would send, only sent sooner.
 */
import { createRequest, type SSRData } from 'urql';
import { WorkspaceCustomerCardDocument, type WorkspaceCustomerCardQueryVariables } from '../gql/graphql';

export interface EarlyRequest {
  operationName: string;
  variables: Record<string, unknown>;
  token: string | null;
  response: Promise<Response>;
  /** The answer's body, set by the early script once it is back complete (data and no errors). */
  answer?: { data: unknown };
}

declare global {
  interface Window {
    __rapportEarly?: EarlyRequest;
  }
}

const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a == null || b == null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
};

/** Whether the app's request `init` is the one the early script already sent. */
export function isEarlyMatch(early: EarlyRequest, init: RequestInit | undefined): boolean {
  if (typeof init?.body !== 'string') return false;
  let body: { operationName?: string; variables?: Record<string, unknown> };
  try {
    body = JSON.parse(init.body);
  } catch {
    return false;
  }
  const auth = new Headers(init.headers).get('authorization');
  return (
    body.operationName === early.operationName &&
    sameJson(body.variables ?? {}, early.variables) &&
    auth === (early.token ? `Bearer ${early.token}` : null)
  );
}

/** fetch for the GraphQL client: the early answer once for the matching request, the network otherwise. */
export function fetchWithEarlyCard(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const early = typeof window !== 'undefined' ? window.__rapportEarly : undefined;
  if (early && isEarlyMatch(early, init)) {
    window.__rapportEarly = undefined;
    // A failed early request is simply asked again.
    return early.response.catch(() => fetch(input, init));
  }
  return fetch(input, init);
}

/**
 * The early answer when it is already back, complete and asked with this token: as urql's ssrExchange
 * restores results, under the key the card's query will have, so that the card renders from it at its
 * first render (no request, no waiting). Taken once; otherwise undefined and the request path above applies.
 * The early response stays for that path: the card's query policy (cache-and-network) asks again once
 * it has rendered from a cached answer, and that identical request takes the same response, not the server.
 */
export function takeEarlyCardAnswer(token: string | null): SSRData | undefined {
  const early = typeof window !== 'undefined' ? window.__rapportEarly : undefined;
  if (!early?.answer || early.token !== token) return undefined;
  const { answer } = early;
  early.answer = undefined;
  const { key } = createRequest(WorkspaceCustomerCardDocument, early.variables as WorkspaceCustomerCardQueryVariables);
  return { [key]: { data: JSON.stringify(answer.data), hasNext: false } };
}

/** Where the signed-in caller's token is kept (the app and the early script read the same key). */
export const TOKEN_STORAGE_KEY = 'rapport.token';
