import { buildOnce } from './support/build';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { REPO_ROOT } from '../src/paths';

const CLI = path.join(REPO_ROOT, 'dist', 'scripts', 'import.js');

describe('npm run import (the CLI, end to end on a temporary data directory)', () => {
  let work: string;
  let dataDir: string;
  let input: string;

  /** Runs the compiled CLI with the embedded store in `dataDir`, outside the repository (no .env). */
  const cli = (...args: string[]) => {
    const res = spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, RAPPORT_STORE: 'embedded', RAPPORT_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };

  beforeAll(() => {
    buildOnce();
    work = mkdtempSync(path.join(os.tmpdir(), 'rapport-import-cli-'));
    dataDir = path.join(work, 'data');
    input = path.join(work, 'input');
    mkdirSync(input);
    writeFileSync(path.join(input, 'regions.csv'), 'id,name,kind\nreg_urumqi,Urumqi,CITY\n');
    writeFileSync(
      path.join(input, 'customers.csv'),
      'id,name,tier,regionId\ncus_a,"China Mobile, Urumqi",VIP,reg_urumqi\ncus_b,B,GOLD,reg_urumqi\n',
    );
  }, 180_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('imports a directory, prints progress and a summary, lists the rejected rows and exits 1', () => {
    const first = cli(input);
    expect(first.stderr).toBe('file,line,field,reason\ncustomers.csv,3,tier,"""GOLD"" is not one of VIP, KEY, STANDARD"\n');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`Importing ${input} into the embedded store at ${dataDir}`);
    expect(first.stdout).toMatch(/importing regions\.csv: 1 rows, \d+ rows\/s \(100%\) - done/);
    expect(first.stdout).toMatch(/importing customers\.csv: 2 rows, 1 rejected, \d+ rows\/s \(100%\) - done/);
    expect(first.stdout).toMatch(/file +kind +rows +created +updated +unchanged +rejected\n/);
    expect(first.stdout).toMatch(/customers\.csv +customers +2 +1 +0 +0 +1\n/);
    expect(first.stdout).toMatch(/total +3 +2 +0 +0 +1\n/);
    expect(first.stdout).toContain('1 error(s): listed on stderr as file,line,field,reason');

    // Idempotent: the second run finds everything unchanged.
    const second = cli(input);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/total +3 +0 +0 +2 +1\n/);
  }, 60_000);

  it('--strict with a bad row loads nothing, writes the error report to --report and exits 2', () => {
    const strictInput = path.join(work, 'strict');
    mkdirSync(strictInput);
    writeFileSync(path.join(strictInput, 'partners.csv'), 'id,name\npar_new,New partner\npar_bad,\n');
    const report = path.join(work, 'errors.csv');
    const res = cli(strictInput, '--strict', '--batch-size', '1', '--report', report);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('');
    expect(readFileSync(report, 'utf8')).toBe('file,line,field,reason\npartners.csv,3,name,is required\n');
    expect(res.stdout).toContain('--strict: the input has 1 error(s), so nothing was loaded.');
    expect(res.stdout).toMatch(/checking partners\.csv: 2 rows, 1 rejected/);
    expect(res.stdout).not.toMatch(/importing partners\.csv/);
  }, 60_000);

  it('refuses clearly: a data directory held by a running server, a missing path, bad arguments (exit 3)', async () => {
    const server = EmbeddedStore.open(dataDir);
    try {
      const locked = cli(input);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`rapport import: The data directory ${dataDir} is in use by another Rapport process`);
      expect(locked.stdout).toBe('');
      // What the earlier runs loaded is there, and the strict run added nothing.
      const rows = await server.read('MATCH (n) WHERE n:Customer OR n:Partner RETURN n.id AS id ORDER BY id');
      expect(rows).toEqual([{ id: 'cus_a' }]);
    } finally {
      await server.close();
    }
    const missing = cli(path.join(work, 'nope'));
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`rapport import: ${path.join(work, 'nope')} does not exist`);
    const bad = cli(input, '--batch-size', 'many');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--batch-size must be a whole number');
    expect(existsSync(dataDir)).toBe(true);
  }, 60_000);
});
