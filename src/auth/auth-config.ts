import { readFileSync } from 'node:fs';
import { rsaVerifierFromJwks, rsaVerifierFromJwksUrl, rsaVerifierFromPem, type JwtVerifier } from './jwt';

export interface AuthConfig {
  /** on: every request but /health needs a credential; off: local development only (loopback). */
  enabled: boolean;
  /** Why auth is on or off, for the start-up log. */
  reason: string;
  jwt: JwtVerifier | null;
  issuer?: string;
  audience?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\./.test(host);

/**
 * RAPPORT_AUTH=auto (default) turns authentication on whenever the server binds to anything other
 * than loopback; off is refused there. JWT keys come from the environment or from files only.
 */
export function loadAuthConfig(get: (name: string) => string | undefined, host: string, problems: string[]): AuthConfig {
  const mode = get('RAPPORT_AUTH') ?? 'auto';
  if (!['auto', 'on', 'off'].includes(mode)) problems.push(`RAPPORT_AUTH="${mode}" is not one of auto, on, off`);
  const loopback = isLoopback(host);
  if (mode === 'off' && !loopback) problems.push(`RAPPORT_AUTH=off is refused when RAPPORT_HOST (${host}) is not a loopback address`);
  const enabled = mode === 'on' || (mode !== 'off' && !loopback);
  const reason =
    mode === 'on'
      ? 'RAPPORT_AUTH=on'
      : mode === 'off'
        ? 'RAPPORT_AUTH=off (loopback only)'
        : loopback
          ? `bound to loopback ${host}: local development mode`
          : `bound to ${host}`;

  const readFile = (name: string): string | undefined => {
    const file = get(name);
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      return undefined;
    }
  };
  const secret = get('RAPPORT_JWT_SECRET') ?? readFile('RAPPORT_JWT_SECRET_FILE')?.trim();
  const pem = readFile('RAPPORT_JWT_PUBLIC_KEY_FILE');
  const jwksText = readFile('RAPPORT_JWT_JWKS_FILE');
  const jwksUrl = get('RAPPORT_JWT_JWKS_URL');
  const given = [secret, pem, jwksText, jwksUrl].filter(Boolean).length;
  if (given > 1)
    problems.push('set only one of RAPPORT_JWT_SECRET(_FILE), RAPPORT_JWT_PUBLIC_KEY_FILE, RAPPORT_JWT_JWKS_FILE, RAPPORT_JWT_JWKS_URL');
  let jwt: JwtVerifier | null = null;
  try {
    if (secret) {
      if (Buffer.byteLength(secret) < 32) problems.push('RAPPORT_JWT_SECRET must be at least 32 bytes');
      jwt = { alg: 'HS256', secret: Buffer.from(secret) };
    } else if (pem) {
      jwt = rsaVerifierFromPem(pem);
    } else if (jwksText) {
      jwt = rsaVerifierFromJwks(JSON.parse(jwksText));
    } else if (jwksUrl) {
      jwt = rsaVerifierFromJwksUrl(jwksUrl);
    }
  } catch (err) {
    problems.push(`JWT key: ${(err as Error).message}`);
  }
  return { enabled, reason, jwt, issuer: get('RAPPORT_JWT_ISSUER'), audience: get('RAPPORT_JWT_AUDIENCE') };
}
