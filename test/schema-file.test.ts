import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { SCHEMA_FILE, buildRapportSchema } from '../src/build-schema';
import { REPO_ROOT } from '../src/paths';

describe('committed generated files', () => {
  it('schema.graphql matches the type-graphql schema (run `npm run schema` when this fails)', async () => {
    const fresh = path.join(mkdtempSync(path.join(os.tmpdir(), 'rapport-schema-')), 'schema.graphql');
    await buildRapportSchema({ emitTo: fresh });
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(readFileSync(fresh, 'utf8'));
  });

  it('test/generated/graphql.ts matches codegen over schema.graphql (run `npm run schema`)', () => {
    const bin = path.join(REPO_ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
    const res = spawnSync(process.execPath, [bin, '--config', 'codegen.yml', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(`${res.stdout}${res.stderr}`).not.toMatch(/stale files/);
    expect(res.status).toBe(0);
  }, 60000);
});
