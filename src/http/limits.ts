import type { Request, RequestHandler, Response } from 'express';
import type { CorsOptions } from 'cors';

/**
 * HTTP-level limits on /graphql (issue #7, hardening): the rate limit per caller and CORS.
 * The body size limit is express.json's `limit`; src/server.ts answers it 413 PAYLOAD_TOO_LARGE.
 */

/**
 * One token bucket per caller: a bucket holds up to `perMinute` requests and refills at `perMinute`
 * per minute, so a caller may send a minute's worth at once, then keeps to the rate. Buckets of
 * callers that went quiet are dropped once there are many of them (a full bucket is the same as no
 * bucket). `now` is injectable for tests.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one token for `key`: `ok`, or how many whole seconds until the next one is there. */
  take(key: string): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
      bucket.at = now;
      // Keep the Map in last-used order, so the oldest entries are the idle ones.
      this.buckets.delete(key);
    } else {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: this.perMinute, at: now };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  get size() {
    return this.buckets.size;
  }

  private sweep(now: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    // Still full of active callers: forget the least recently seen (they start again with a full bucket).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * Whom a request is counted against: the API key, else the authenticated person, else the client
 * address. The authentication middleware puts `principal` in res.locals before /graphql.
 */
export function callerKey(req: Request, res: Response): string {
  const principal = res.locals.principal as { keyId?: string; actor?: string } | undefined;
  if (principal?.keyId) return `key:${principal.keyId}`;
  if (principal?.actor) return `actor:${principal.actor}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** 429 RATE_LIMITED with Retry-After once a caller's bucket is empty; `perMinute` 0 turns it off. */
export function rateLimit(opts: { perMinute: number; now?: () => number; maxKeys?: number }): RequestHandler {
  if (opts.perMinute <= 0) return (_req, _res, next) => next();
  const buckets = new TokenBuckets(opts.perMinute, opts.now, opts.maxKeys);
  return (req, res, next) => {
    const taken = buckets.take(callerKey(req, res));
    res.setHeader('RateLimit-Limit', String(opts.perMinute));
    if (taken.ok) {
      res.setHeader('RateLimit-Remaining', String(taken.remaining));
      next();
      return;
    }
    res.setHeader('RateLimit-Remaining', '0');
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    res.locals.logger?.warn({ caller: callerKey(req, res) }, 'rate limited');
    res.status(429).json({
      errors: [
        {
          message: `Too many requests: at most ${opts.perMinute} a minute. Retry after ${taken.retryAfterSeconds} s.`,
          extensions: { code: 'RATE_LIMITED', retryAfter: taken.retryAfterSeconds },
        },
      ],
    });
  };
}

/**
 * CORS for /graphql: closed (no Access-Control-Allow-Origin for anyone) unless origins are listed;
 * then only those, for GET and POST, without cookies (credentials travel in the Authorization
 * header or X-API-Key, which a listed origin may send).
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  if (origins.length === 0) return { origin: false };
  return {
    origin: [...origins],
    methods: ['GET', 'POST'],
    credentials: false,
    maxAge: 600,
  };
}
