import { createHmac, createPublicKey, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Bearer JWT verification for people: HS256 with a shared secret, or RS256 with a public key or a
 * JWKS file. The algorithm is fixed by configuration, never taken from the token (no alg confusion).
 */
export type JwtVerifier =
  | { alg: 'HS256'; secret: Buffer }
  | { alg: 'RS256'; keys: Map<string | undefined, KeyObject> };

export interface JwtClaims {
  sub: string;
  roles: string[];
  regions: string[];
  exp?: number;
  nbf?: number;
  iss?: string;
  aud?: string | string[];
}

export class JwtError extends Error {}

const b64 = (s: string) => Buffer.from(s, 'base64url');

export function rsaVerifierFromPem(pem: string): JwtVerifier {
  return { alg: 'RS256', keys: new Map([[undefined, createPublicKey(pem)]]) };
}

/** A JWKS document ({ keys: [...] }): RSA keys by `kid`. */
export function rsaVerifierFromJwks(jwks: { keys?: { kid?: string; kty?: string }[] }): JwtVerifier {
  const keys = new Map<string | undefined, KeyObject>();
  for (const jwk of jwks.keys ?? []) {
    if (jwk.kty !== 'RSA') continue;
    keys.set(jwk.kid, createPublicKey({ key: jwk as never, format: 'jwk' }));
  }
  if (!keys.size) throw new Error('the JWKS file holds no RSA key');
  return { alg: 'RS256', keys };
}

export function verifyJwt(token: string, verifier: JwtVerifier, now: Date, opts: { issuer?: string; audience?: string } = {}): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed token');
  let header: { alg?: string; kid?: string };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(b64(parts[0]).toString('utf8'));
    payload = JSON.parse(b64(parts[1]).toString('utf8'));
  } catch {
    throw new JwtError('malformed token');
  }
  if (header.alg !== verifier.alg) throw new JwtError(`token algorithm must be ${verifier.alg}`);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = b64(parts[2]);
  if (verifier.alg === 'HS256') {
    const expected = createHmac('sha256', verifier.secret).update(signed).digest();
    if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) throw new JwtError('bad signature');
  } else {
    const key = verifier.keys.get(header.kid) ?? (verifier.keys.size === 1 ? [...verifier.keys.values()][0] : undefined);
    if (!key) throw new JwtError('unknown signing key');
    if (!createVerify('RSA-SHA256').update(signed).verify(key, signature)) throw new JwtError('bad signature');
  }
  const nowS = Math.floor(now.getTime() / 1000);
  if (typeof payload.exp !== 'number') throw new JwtError('token has no expiry (exp)');
  if (nowS >= payload.exp) throw new JwtError('token expired');
  if (typeof payload.nbf === 'number' && nowS < payload.nbf) throw new JwtError('token not yet valid');
  if (opts.issuer && payload.iss !== opts.issuer) throw new JwtError('wrong issuer');
  if (opts.audience) {
    const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!aud.includes(opts.audience)) throw new JwtError('wrong audience');
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new JwtError('token has no subject (sub)');
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return { sub: payload.sub, roles: list(payload.roles), regions: list(payload.regions), exp: payload.exp };
}

/** Signs an HS256 token (tests and the dev helper). */
export function signHs256(claims: Record<string, unknown>, secret: Buffer | string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
