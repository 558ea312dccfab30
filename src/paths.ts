import path from 'node:path';

/** The repository root, whether running from src/ (tests) or from the compiled dist/src/. */
export const REPO_ROOT =
  path.basename(path.resolve(__dirname, '..')) === 'dist' ? path.resolve(__dirname, '..', '..') : path.resolve(__dirname, '..');
