import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths';

/**
 * Compiles the project (dist/) for tests that run the real command-line programs. Test files run in
 * parallel workers: a lock keeps two builds from writing dist/ at the same time.
 */
export function buildOnce(): void {
  const lock = path.join(os.tmpdir(), `rapport-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-24)}.lock`);
  execSync(`flock ${JSON.stringify(lock)} npm run build --silent`, { cwd: REPO_ROOT, stdio: 'pipe' });
}
