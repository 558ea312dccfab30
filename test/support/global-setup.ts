import { coveredEnginesLine } from './engines';
import { buildWebIfStale } from './web-build';

export default async function globalSetup(): Promise<void> {
  process.stdout.write(`\n${coveredEnginesLine()}\n`);
  // The browser tests (test/browser) drive the built web app: build it when its sources changed.
  if (buildWebIfStale()) process.stdout.write('built the web app into dist/web\n');
}
