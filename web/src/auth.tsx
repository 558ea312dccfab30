import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Client, Provider, cacheExchange, fetchExchange, ssrExchange, useQuery } from 'urql';
import { receivedAtExchange } from './lib/clock';
import { TOKEN_STORAGE_KEY, fetchWithEarlyCard, takeEarlyCardAnswer } from './lib/early-card';
import { ViewerDocument, type ViewerQuery } from './gql/graphql';

const TOKEN_KEY = TOKEN_STORAGE_KEY;

export type Viewer = ViewerQuery['viewer'];

interface Session {
  token: string | null;
  setToken(token: string | null): void;
  viewer: Viewer | null;
  /** The API refused the call for want of a credential (auth on, not signed in). */
  needsSignIn: boolean;
  fetching: boolean;
  /** Headers for plain fetches (the checklist downloads). */
  headers(): Record<string, string>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Whether the signed-in caller may write (handoffs); false while unknown. */
export const useMayWrite = () => useSession().viewer?.mayWrite ?? false;

const authHeaders = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export function makeClient(token: string | null): Client {
  // The card's answer, when index.html's early request already has it: served once, without a request.
  const early = takeEarlyCardAnswer(token);
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, receivedAtExchange, ...(early ? [ssrExchange({ isClient: true, initialState: early })] : []), fetchExchange],
    requestPolicy: 'cache-and-network',
    // POST: Apollo's CSRF prevention refuses simple GET requests.
    preferGetMethod: false,
    fetchOptions: (): RequestInit => ({ headers: authHeaders(token) }),
    // The card's query may already be on its way (index.html's early script): take that answer.
    fetch: fetchWithEarlyCard,
  });
}

function ViewerLoader({ children, token, setToken }: { children: ReactNode; token: string | null; setToken(t: string | null): void }) {
  const [{ data, error, fetching }] = useQuery({ query: ViewerDocument, requestPolicy: 'network-only' });
  const needsSignIn =
    !!error && (error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
  const session = useMemo<Session>(
    () => ({
      token,
      setToken,
      viewer: data?.viewer ?? null,
      needsSignIn,
      fetching,
      headers: () => authHeaders(token),
    }),
    [token, setToken, data, needsSignIn, fetching],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState<string | null>(() => localStorage.getItem(TOKEN_KEY));
  const setToken = useCallback((t: string | null) => {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
    setTokenState(t);
  }, []);
  const client = useMemo(() => makeClient(token), [token]);
  return (
    <Provider value={client}>
      <ViewerLoader key={token ?? ''} token={token} setToken={setToken}>
        {children}
      </ViewerLoader>
    </Provider>
  );
}
