import { buildOnce } from './support/build';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/paths';

/** The real server process, as `npm start` runs it (compiled), on a temporary data directory. */
interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServer(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', RAPPORT_DATA_DIR: dataDir, RAPPORT_PORT: '0', RAPPORT_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /Rapport is ready at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('the server process (npm start)', () => {
  beforeAll(() => {
    buildOnce();
  }, 120_000);

  it('serves the demo data, refuses a second server on the same directory, stops cleanly on SIGTERM, keeps the data', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rapport-process-')), 'data');
    const first = await startServer(dataDir);
    expect(first.output()).toMatch(/store is empty: loaded the demo data/);
    const res = await fetch(first.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ health { ok store } customer(id: "cus_cm-urumqi") { name } }' }),
    });
    expect(await res.json()).toEqual({ data: { health: { ok: true, store: 'embedded' }, customer: { name: '中国移动乌鲁木齐分公司' } } });

    // A second server on the same data directory refuses, naming it.
    const second = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: REPO_ROOT,
      env: { ...process.env, RAPPORT_DATA_DIR: dataDir, RAPPORT_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let secondOut = '';
    second.stderr!.on('data', (d) => (secondOut += d));
    expect(await exitOf(second)).toBe(1);
    expect(secondOut).toContain(`The data directory ${dataDir} is in use by another Rapport process`);

    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    expect(first.output()).toMatch(/shutting down: finishing in-flight requests[\s\S]*stopped cleanly/);

    // Restarted, it finds its data and leaves it alone.
    const again = await startServer(dataDir);
    expect(again.output()).toMatch(/store has data: left untouched/);
    const after = await fetch(again.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ customers { totalCount } }' }),
    });
    expect(((await after.json()) as { data: { customers: { totalCount: number } } }).data.customers.totalCount).toBeGreaterThanOrEqual(20);
    again.child.kill('SIGINT');
    expect(await exitOf(again.child)).toBe(0);
  }, 90_000);
});
