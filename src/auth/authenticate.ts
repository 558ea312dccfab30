import type { NextFunction, Request, Response } from 'express';
import type { Store } from '../graph/store';
import type { Logger } from '../logger';
import type { AuthConfig } from './auth-config';
import { verifyApiKey } from './api-keys';
import { TokenBuckets } from '../http/limits';
import { JwtError, verifyJwt } from './jwt';
import { ALL_ROLES, LOCAL_DEV, Role, type Principal } from './roles';

function refuse(res: Response, status: 401 | 403, message: string) {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="rapport"');
  res.status(status).json({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }] });
}

/** Who a bearer credential names: an API key (rpk_…) or a JWT; a reason when it names nobody. */
export async function principalOf(
  header: string | undefined,
  auth: AuthConfig,
  store: Store,
  now: Date,
): Promise<{ principal: Principal } | { error: string }> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m)
    return {
      error: header
        ? 'the Authorization header must be "Bearer <API key or JWT>"'
        : 'authentication required: send "Authorization: Bearer <API key or JWT>"',
    };
  const token = m[1];
  if (token.startsWith('rpk_')) {
    const check = await verifyApiKey(store, token);
    return check.ok ? { principal: check.principal } : { error: check.reason };
  }
  if (!auth.jwt) return { error: 'JWTs are not accepted: no JWT key is configured' };
  try {
    const claims = await verifyJwt(token, auth.jwt, now, { issuer: auth.issuer, audience: auth.audience });
    const roles = claims.roles.filter((r): r is Role => ALL_ROLES.includes(r));
    if (!roles.length) return { error: 'the token grants no Rapport role' };
    return {
      principal: { actor: `user:${claims.sub}`, kind: 'user', roles, regions: roles.includes(Role.ADMIN) ? null : claims.regions },
    };
  } catch (err) {
    return { error: err instanceof JwtError ? `invalid token: ${err.message}` : 'invalid token' };
  }
}

/**
 * Sets res.locals.principal for every route after it. With auth off (local development on
 * loopback), everyone is the local developer; with auth on, a missing or bad credential is a 401.
 */
export function authenticate(auth: AuthConfig, store: Store, logger: Logger, opts: { failuresPerMinute?: number } = {}) {
  if (!auth.enabled) logger.warn({ reason: auth.reason }, 'authentication is OFF: local development mode, every caller is ADMIN');
  // Guessing credentials costs: an address gets a few failures a minute, then 429 until it cools.
  const failures = new TokenBuckets(opts.failuresPerMinute ?? 30);
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!auth.enabled) {
      res.locals.principal = LOCAL_DEV;
      return next();
    }
    const address = `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    try {
      const result = await principalOf(req.header('authorization'), auth, store, new Date());
      if ('error' in result) {
        res.locals.logger?.info({ reason: result.error }, 'authentication refused');
        const taken = failures.take(address);
        if (!taken.ok) {
          res.setHeader('Retry-After', String(taken.retryAfterSeconds));
          res.status(429).json({
            errors: [
              {
                message: 'Too many failed authentications from this address',
                extensions: { code: 'RATE_LIMITED', retryAfter: taken.retryAfterSeconds },
              },
            ],
          });
          return;
        }
        return refuse(res, 401, result.error);
      }
      res.locals.principal = result.principal;
      // The logs carry the key id or the user, never the credential.
      res.locals.logger = res.locals.logger?.child({ actor: result.principal.actor });
      next();
    } catch (err) {
      next(err);
    }
  };
}
