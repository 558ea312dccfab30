import { createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/**
 * Bearer JWT verification for people, by `jose`: HS256 with a shared secret, or RS256 with a public
 * key, a JWKS file or a JWKS URL (an OIDC provider such as Keycloak or Azure AD). The algorithm is
 * fixed by configuration, never taken from the token (no `alg: none`, no HS/RS confusion).
 */
export type JwtVerifier =
  { alg: 'HS256'; secret: Buffer } | { alg: 'RS256'; key: KeyObject | JWTVerifyGetKey; source: 'pem' | 'jwks-file' | 'jwks-url' };

export interface JwtClaims {
  sub: string;
  roles: string[];
  regions: string[];
  exp?: number;
}

export class JwtError extends Error {}

export function rsaVerifierFromPem(pem: string): JwtVerifier {
  return { alg: 'RS256', key: createPublicKey(pem), source: 'pem' };
}

/** A JWKS document ({ keys: [...] }): RSA keys, chosen by the token's `kid`. */
export function rsaVerifierFromJwks(jwks: { keys?: { kid?: string; kty?: string }[] }): JwtVerifier {
  const keys = (jwks.keys ?? []).filter((k) => k.kty === 'RSA');
  if (!keys.length) throw new Error('the JWKS file holds no RSA key');
  return { alg: 'RS256', key: createLocalJWKSet({ keys } as JSONWebKeySet), source: 'jwks-file' };
}

/**
 * A JWKS URL (RAPPORT_JWT_JWKS_URL), fetched on first use and again when a token names an unknown
 * `kid` (key rotation, at most every 30 s); https only, except on loopback.
 */
export function rsaVerifierFromJwksUrl(
  url: string,
  opts: { timeoutMs?: number; cacheMaxAgeMs?: number; cooldownMs?: number } = {},
): JwtVerifier {
  const u = new URL(url);
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname) || /^127\./.test(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    throw new Error('RAPPORT_JWT_JWKS_URL must be an https:// URL (http:// only on loopback)');
  const key = createRemoteJWKSet(u, {
    timeoutDuration: opts.timeoutMs ?? 5000,
    cacheMaxAge: opts.cacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: opts.cooldownMs ?? 30_000,
  });
  return { alg: 'RS256', key, source: 'jwks-url' };
}

/** jose's refusals, in the words Rapport has always used. */
function reason(err: unknown, alg: string): string {
  if (err instanceof errors.JWTExpired) return 'token expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'exp') return 'token has no expiry (exp)';
    if (err.claim === 'sub') return 'token has no subject (sub)';
    if (err.claim === 'iss') return 'wrong issuer';
    if (err.claim === 'aud') return 'wrong audience';
    if (err.claim === 'nbf') return 'token not yet valid';
    return `invalid claim ${err.claim}`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return `token algorithm must be ${alg}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'unknown signing key';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return 'the signing keys (JWKS) cannot be fetched';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed token';
  if (err instanceof errors.JOSEError) return err.code === 'ERR_JOSE_NOT_SUPPORTED' ? `token algorithm must be ${alg}` : 'invalid token';
  // A failing JWKS fetch (connection refused, non-200) surfaces as a plain error.
  return 'the signing keys (JWKS) cannot be fetched';
}

export async function verifyJwt(
  token: string,
  verifier: JwtVerifier,
  now: Date,
  opts: { issuer?: string; audience?: string } = {},
): Promise<JwtClaims> {
  let payload: Record<string, unknown>;
  try {
    const options = {
      algorithms: [verifier.alg],
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
      ...(opts.audience ? { audience: opts.audience } : {}),
    };
    const result =
      verifier.alg === 'HS256'
        ? await jwtVerify(token, new Uint8Array(verifier.secret), options)
        : typeof verifier.key === 'function'
          ? await jwtVerify(token, verifier.key, options)
          : await jwtVerify(token, verifier.key, options);
    payload = result.payload as Record<string, unknown>;
  } catch (err) {
    throw new JwtError(reason(err, verifier.alg));
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new JwtError('token has no subject (sub)');
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { sub: payload.sub, roles: list(payload.roles), regions: list(payload.regions), exp: payload.exp as number };
}

/** Signs an HS256 token (tests and the dev helper). */
export function signHs256(claims: Record<string, unknown>, secret: Buffer | string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
