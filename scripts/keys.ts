import 'reflect-metadata';
import { ApiKeyInputError, createApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys';
import { CliStartError, openConfiguredStore } from './cli-store';
import type { Store } from '../src/graph/store';

/**
 * `npm run keys -- create --name "Ticketing" --role SERVICE_MANAGER --regions reg_xinjiang,reg_hubei`
 * `npm run keys -- list` · `npm run keys -- revoke key_…`
 * Works on the configured store (stop the server first on the embedded engine, or use the
 * createApiKey mutation with an ADMIN credential). The token is printed once, on stdout only.
 */
const USAGE = `Usage:
  npm run keys -- create --name <name> --role <ROLE> [--role <ROLE>] [--regions reg_a,reg_b]
  npm run keys -- list
  npm run keys -- revoke <key id>
Roles: VIEWER, ACCOUNT_MANAGER, SERVICE_MANAGER, ADMIN. Keys without ADMIN need --regions.
`;

function option(argv: string[], name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === name && argv[i + 1]) out.push(argv[i + 1]);
  });
  return out;
}

async function run(store: Store, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const who = { actor: `cli:${process.env.USER ?? 'admin'}`, now: new Date() };
  if (command === 'create') {
    const name = option(rest, '--name')[0] ?? '';
    const roles = option(rest, '--role')
      .flatMap((r) => r.split(','))
      .map((r) => r.trim().toUpperCase());
    const regions = option(rest, '--regions')
      .flatMap((r) => r.split(','))
      .map((r) => r.trim())
      .filter(Boolean);
    try {
      const { key, token } = await createApiKey(store, { name, roles, regions }, who);
      process.stderr.write(
        `created ${key.id} (${key.name}: ${key.roles.join(', ')}${key.regions.length ? ` in ${key.regions.join(', ')}` : ''})\n`,
      );
      process.stderr.write('the token below is shown once; store it in your secret manager:\n');
      process.stdout.write(`${token}\n`);
      return 0;
    } catch (err) {
      if (err instanceof ApiKeyInputError) {
        process.stderr.write(`rapport keys: ${err.message}\n\n${USAGE}`);
        return 2;
      }
      throw err;
    }
  }
  if (command === 'list') {
    for (const k of await listApiKeys(store)) {
      process.stdout.write(
        `${k.id}\t${k.name}\t${k.roles.join(',')}\t${k.regions.join(',') || '(all regions)'}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\n`,
      );
    }
    return 0;
  }
  if (command === 'revoke' && rest[0]) {
    const key = await revokeApiKey(store, rest[0], who);
    if (!key) {
      process.stderr.write(`rapport keys: no key ${rest[0]}\n`);
      return 1;
    }
    process.stderr.write(`revoked ${key.id} (${key.name})\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  let opened;
  try {
    opened = await openConfiguredStore();
  } catch (err) {
    if (!(err instanceof CliStartError)) throw err;
    process.stderr.write(`rapport keys: ${err.message}\n`);
    return err.stage === 'config' ? 2 : 3;
  }
  try {
    return await run(opened.store, argv);
  } finally {
    await opened.store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`rapport keys: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
