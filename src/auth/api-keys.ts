import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../graph/store';
import { ALL_ROLES, Role, type Principal } from './roles';

/**
 * API keys for applications. The token is `rpk_<keyId>_<secret>`; only a SHA-256 of the secret is
 * stored (the secret is 32 random bytes, so a slow hash adds nothing), and the token is shown once,
 * when the key is created. Logs and the change history carry the key id, never the token.
 */
export interface ApiKeyRecord {
  id: string;
  name: string;
  roles: string[];
  regions: string[];
  createdAt: string;
  createdBy: string;
  revokedAt?: string | null;
  revokedBy?: string | null;
}

const TOKEN = /^rpk_(key_[a-z0-9]{12,40})_([A-Za-z0-9_-]{43})$/;

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

const CREATE_KEY = `
CREATE (k:ApiKey {id: $id, name: $name, roles: $roles, regions: $regions, hash: $hash,
  createdAt: datetime($now), createdBy: $actor})
RETURN k`;

const KEY_BY_ID = `MATCH (k:ApiKey {id: $id}) RETURN k`;

const REVOKE_KEY = `
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime($now)), k.revokedBy = coalesce(k.revokedBy, $actor)
RETURN k`;

const LIST_KEYS = `MATCH (k:ApiKey) RETURN k ORDER BY k.createdAt DESC, k.id`;

const publicRecord = (k: Record<string, unknown>): ApiKeyRecord => {
  const { hash: _hash, ...rest } = k;
  return rest as unknown as ApiKeyRecord;
};

export class ApiKeyInputError extends Error {
  constructor(readonly problems: { field: string; reason: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
  }
}

export function checkKeyInput(input: { name: string; roles: string[]; regions: string[] }) {
  const problems: { field: string; reason: string }[] = [];
  if (!input.name.trim() || input.name.length > 120) problems.push({ field: 'name', reason: 'must be 1 to 120 characters' });
  if (!input.roles.length) problems.push({ field: 'roles', reason: 'at least one role is required' });
  for (const r of input.roles)
    if (!ALL_ROLES.includes(r)) problems.push({ field: 'roles', reason: `"${r}" is not one of ${ALL_ROLES.join(', ')}` });
  if (!input.roles.includes(Role.ADMIN) && !input.regions.length) {
    problems.push({ field: 'regions', reason: 'a key without ADMIN must be limited to at least one region' });
  }
  for (const r of input.regions)
    if (!/^reg_[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(r)) problems.push({ field: 'regions', reason: `"${r}" is not a region id` });
  if (problems.length) throw new ApiKeyInputError(problems);
}

/** Creates a key and returns its token: the only time the token is ever available. */
export async function createApiKey(
  store: Store,
  input: { name: string; roles: string[]; regions: string[] },
  who: { actor: string; now: Date },
): Promise<{ key: ApiKeyRecord; token: string }> {
  checkKeyInput(input);
  const id = `key_${randomBytes(9).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  const [row] = await store.write(CREATE_KEY, {
    id,
    name: input.name.trim(),
    roles: [...new Set(input.roles)],
    regions: [...new Set(input.regions)],
    hash: digest(secret),
    now: who.now.toISOString(),
    actor: who.actor,
  });
  return { key: publicRecord(row.k as Record<string, unknown>), token: `rpk_${id}_${secret}` };
}

export async function revokeApiKey(store: Store, id: string, who: { actor: string; now: Date }): Promise<ApiKeyRecord | null> {
  const [row] = await store.write(REVOKE_KEY, { id, now: who.now.toISOString(), actor: who.actor });
  return row ? publicRecord(row.k as Record<string, unknown>) : null;
}

export async function listApiKeys(store: Store): Promise<ApiKeyRecord[]> {
  return (await store.read(LIST_KEYS)).map((r) => publicRecord(r.k as Record<string, unknown>));
}

export type KeyCheck = { ok: true; principal: Principal } | { ok: false; reason: string };

/** Checks a presented token: well formed, known, not revoked, secret matches. */
export async function verifyApiKey(store: Store, token: string): Promise<KeyCheck> {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed API key' };
  const [row] = await store.read(KEY_BY_ID, { id: m[1] });
  const k = row?.k as Record<string, unknown> | undefined;
  const presented = Buffer.from(digest(m[2]), 'hex');
  const stored = Buffer.from(typeof k?.hash === 'string' ? k.hash : '0'.repeat(64), 'hex');
  // Compare even when the key is unknown, so timing does not tell which ids exist.
  const same = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!k || !same) return { ok: false, reason: 'unknown API key' };
  if (k.revokedAt) return { ok: false, reason: 'API key revoked' };
  const roles = (k.roles as string[]).filter((r): r is Role => ALL_ROLES.includes(r));
  return {
    ok: true,
    principal: {
      actor: `key:${k.id}`,
      kind: 'api-key',
      keyId: k.id as string,
      roles,
      regions: roles.includes(Role.ADMIN) ? null : ((k.regions as string[]) ?? []),
    },
  };
}
