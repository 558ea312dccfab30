import { useEffect, useState } from 'react';
import { mapExchange } from 'urql';

/**
 * Stamps every result that comes from the network with the moment it arrived (`extensions.receivedAt`,
 * milliseconds). It sits between the cache and the fetch exchange, so a result served again from the
 * cache keeps the time it really arrived: the SLA clocks count from the moment the server answered.
 */
export const receivedAtExchange = mapExchange({
  onResult: (result) => ({ ...result, extensions: { ...result.extensions, receivedAt: Date.now() } }),
});

/** When the answer arrived (see receivedAtExchange); `fallback` for results without the stamp. */
export function receivedAt(extensions: Record<string, unknown> | undefined, fallback: number): number {
  const at = extensions?.receivedAt;
  return typeof at === 'number' ? at : fallback;
}

/** The current time, re-read every `everyMs` (a minute by default) so that relative displays move on. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
