import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `Rapport-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with
 * `Rapport-Timestamp: <unix seconds>`. Signing the timestamp with the body lets a receiver refuse
 * replays: a captured request cannot be re-sent with a fresh timestamp.
 */
export const SIGNATURE_HEADER = 'rapport-signature';
export const TIMESTAMP_HEADER = 'rapport-timestamp';

export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: same HMAC, constant-time compare, and a timestamp within `toleranceSeconds`. */
export function verifySignature(
  secret: string,
  header: string,
  timestamp: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, ts, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Exponential back-off: base, 2×base, 4×base … capped at `maxMs`. `attempt` counts from 1. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Webhook URLs: http(s) only, no credentials in the URL. Returns a problem or null. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (raw.length > 2000) return 'is longer than 2000 characters';
  return null;
}
