import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths';

const SOURCES = [
  path.join(REPO_ROOT, 'web', 'src'),
  path.join(REPO_ROOT, 'web', 'index.html'),
  path.join(REPO_ROOT, 'web', 'vite.config.mts'),
  path.join(REPO_ROOT, 'web', 'early-card.js'),
  path.join(REPO_ROOT, 'package-lock.json'),
];
const BUILT = path.join(REPO_ROOT, 'dist', 'web', 'index.html');

function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds the web app (vite) when dist/web is missing or older than its sources; returns whether it built. */
export function buildWebIfStale(): boolean {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  if (built && Math.max(...SOURCES.map(newest)) <= built) return false;
  execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      // The bundle users get: production React, whatever NODE_ENV jest runs with.
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  return true;
}
