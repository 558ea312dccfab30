import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import { loadAuthConfig } from '../src/auth/auth-config';
import { JwtError, rsaVerifierFromJwks, rsaVerifierFromJwksUrl, signHs256, verifyJwt, type JwtVerifier } from '../src/auth/jwt';

/** Token verification by jose: every refusal Rapport had, and keys from a JWKS URL on loopback. */
const secret = 'a-test-secret-of-at-least-thirty-two-bytes';
const hs: JwtVerifier = { alg: 'HS256', secret: Buffer.from(secret) };
const now = new Date();
const exp = Math.floor(now.getTime() / 1000) + 600;
const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(JwtError);
    return (err as Error).message;
  }
  throw new Error('the token was accepted');
};

const rsa = () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return pair;
};
const signRs = (claims: Record<string, unknown>, key: ReturnType<typeof rsa>['privateKey'], kid: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);

describe('JWT verification (jose)', () => {
  it('accepts a valid HS256 token and returns its roles and regions', async () => {
    const claims = await verifyJwt(signHs256({ sub: 'li.na', roles: ['SERVICE_MANAGER'], regions: ['reg_a'], exp }, secret), hs, now);
    expect(claims).toEqual({ sub: 'li.na', roles: ['SERVICE_MANAGER'], regions: ['reg_a'], exp });
  });

  it.each([
    ['alg none', `${enc({ alg: 'none' })}.${enc({ sub: 'x', roles: ['ADMIN'], exp })}.`, /algorithm must be HS256/],
    ['a wrong key', signHs256({ sub: 'x', roles: ['ADMIN'], exp }, 'another-secret-of-sufficient-length-xx'), /bad signature/],
    ['an expired token', signHs256({ sub: 'x', roles: ['ADMIN'], exp: exp - 1200 }, secret), /token expired/],
    ['a token without expiry', signHs256({ sub: 'x', roles: ['ADMIN'] }, secret), /no expiry/],
    ['a token without subject', signHs256({ roles: ['ADMIN'], exp }, secret), /no subject/],
    ['a token not yet valid', signHs256({ sub: 'x', roles: ['ADMIN'], exp, nbf: exp - 60 }, secret), /not yet valid/],
    ['garbage', 'not.a.token', /malformed token/],
  ])('refuses %s', async (_what, token, message) => {
    expect(await refusal(verifyJwt(token, hs, now))).toMatch(message);
  });

  it('checks the issuer and the audience when configured', async () => {
    const token = signHs256({ sub: 'x', roles: ['VIEWER'], exp, iss: 'https://idp.example', aud: ['rapport', 'other'] }, secret);
    await expect(verifyJwt(token, hs, now, { issuer: 'https://idp.example', audience: 'rapport' })).resolves.toMatchObject({ sub: 'x' });
    expect(await refusal(verifyJwt(token, hs, now, { issuer: 'https://evil.example' }))).toMatch(/wrong issuer/);
    expect(await refusal(verifyJwt(token, hs, now, { audience: 'billing' }))).toMatch(/wrong audience/);
  });

  it('refuses HS/RS confusion: an HS256 token signed with the RSA public key', async () => {
    const { publicKey, privateKey } = rsa();
    const verifier = rsaVerifierFromJwks({ keys: [{ ...(publicKey.export({ format: 'jwk' }) as object), kid: 'k1' }] });
    await expect(verifyJwt(await signRs({ sub: 'w', roles: ['VIEWER'], exp }, privateKey, 'k1'), verifier, now)).resolves.toMatchObject({
      sub: 'w',
    });
    const confused = signHs256({ sub: 'x', roles: ['ADMIN'], exp }, publicKey.export({ format: 'pem', type: 'spki' }) as string);
    expect(await refusal(verifyJwt(confused, verifier, now))).toMatch(/algorithm must be RS256/);
    // An RS256 token is refused by an HS256 configuration too.
    expect(await refusal(verifyJwt(await signRs({ sub: 'w', roles: ['VIEWER'], exp }, privateKey, 'k1'), hs, now))).toMatch(
      /algorithm must be HS256/,
    );
  });

  describe('keys from RAPPORT_JWT_JWKS_URL (a real HTTP server on loopback)', () => {
    const current = rsa();
    const rotated = rsa();
    let served: object[] = [];
    let fetches = 0;
    let server: Server;
    let url: string;
    beforeAll(async () => {
      served = [{ ...(await exportJWK(current.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' }];
      server = createServer((req, res) => {
        fetches++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: served }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/rapport/protocol/openid-connect/certs`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const configured = () => {
      const problems: string[] = [];
      const auth = loadAuthConfig(
        (n) =>
          (
            ({ RAPPORT_AUTH: 'on', RAPPORT_JWT_JWKS_URL: url, RAPPORT_JWT_ISSUER: 'https://idp.example/realms/rapport' }) as Record<
              string,
              string
            >
          )[n],
        '127.0.0.1',
        problems,
      );
      expect(problems).toEqual([]);
      return auth;
    };

    it('verifies tokens issued by the provider, and finds a rotated key by fetching again', async () => {
      const auth = configured();
      const iss = 'https://idp.example/realms/rapport';
      const token = await signRs(
        { sub: 'keycloak-user', roles: ['SERVICE_MANAGER'], regions: ['reg_a'], exp, iss },
        current.privateKey,
        'current',
      );
      await expect(verifyJwt(token, auth.jwt!, now, { issuer: auth.issuer })).resolves.toEqual({
        sub: 'keycloak-user',
        roles: ['SERVICE_MANAGER'],
        regions: ['reg_a'],
        exp,
      });
      expect(fetches).toBeGreaterThanOrEqual(1);
      // The provider rotates its key: a token with the new kid makes Rapport fetch the set again
      // (after a cool-down, 30 s by default, here none).
      const quick = rsaVerifierFromJwksUrl(url, { cooldownMs: 0 });
      await verifyJwt(token, quick, now, { issuer: auth.issuer });
      served = [...served, { ...(await exportJWK(rotated.publicKey)), kid: 'rotated', alg: 'RS256', use: 'sig' }];
      const before = fetches;
      const next = await signRs({ sub: 'keycloak-user', roles: ['VIEWER'], exp, iss }, rotated.privateKey, 'rotated');
      await expect(verifyJwt(next, quick, now, { issuer: auth.issuer })).resolves.toMatchObject({ roles: ['VIEWER'] });
      expect(fetches).toBeGreaterThan(before);
    });

    it('refuses an unknown key, a forged signature, HS/RS confusion and a wrong issuer', async () => {
      const auth = configured();
      const iss = 'https://idp.example/realms/rapport';
      const stranger = rsa();
      expect(
        await refusal(
          verifyJwt(await signRs({ sub: 'x', roles: ['ADMIN'], exp, iss }, stranger.privateKey, 'nobody'), auth.jwt!, now, {
            issuer: auth.issuer,
          }),
        ),
      ).toMatch(/unknown signing key/);
      expect(
        await refusal(
          verifyJwt(await signRs({ sub: 'x', roles: ['ADMIN'], exp, iss }, stranger.privateKey, 'current'), auth.jwt!, now, {
            issuer: auth.issuer,
          }),
        ),
      ).toMatch(/bad signature/);
      const pem = current.publicKey.export({ format: 'pem', type: 'spki' }) as string;
      expect(
        await refusal(verifyJwt(signHs256({ sub: 'x', roles: ['ADMIN'], exp, iss }, pem), auth.jwt!, now, { issuer: auth.issuer })),
      ).toMatch(/algorithm must be RS256/);
      expect(
        await refusal(
          verifyJwt(
            await signRs({ sub: 'x', roles: ['ADMIN'], exp, iss: 'https://other' }, current.privateKey, 'current'),
            auth.jwt!,
            now,
            { issuer: auth.issuer },
          ),
        ),
      ).toMatch(/wrong issuer/);
    });

    it('refuses plain http beyond loopback, and two key sources at once', () => {
      const problems: string[] = [];
      loadAuthConfig((n) => (({ RAPPORT_JWT_JWKS_URL: 'http://idp.example/certs' }) as Record<string, string>)[n], '127.0.0.1', problems);
      expect(problems.join()).toMatch(/must be an https:\/\/ URL/);
      const both: string[] = [];
      loadAuthConfig((n) => (({ RAPPORT_JWT_JWKS_URL: url, RAPPORT_JWT_SECRET: secret }) as Record<string, string>)[n], '127.0.0.1', both);
      expect(both.join()).toMatch(/set only one of/);
    });

    it('says so when the key set cannot be fetched', async () => {
      const problems: string[] = [];
      const auth = loadAuthConfig(
        (n) => (({ RAPPORT_JWT_JWKS_URL: 'http://127.0.0.1:1/certs' }) as Record<string, string>)[n],
        '127.0.0.1',
        problems,
      );
      const token = await signRs({ sub: 'x', roles: ['ADMIN'], exp }, current.privateKey, 'current');
      expect(await refusal(verifyJwt(token, auth.jwt!, now))).toMatch(/cannot be fetched/);
    });
  });
});
