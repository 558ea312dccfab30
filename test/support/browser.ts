import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { EmbeddedStore } from '../../src/graph/embedded-store';
import { bootstrapSchema } from '../../src/graph/bootstrap';
import { createServer, type RapportServer } from '../../src/server';
import type { AuthConfig } from '../../src/auth/auth-config';
import type { Store } from '../../src/graph/store';
import { REPO_ROOT } from '../../src/paths';
import { loadDemo } from '../../seeds/load-demo';
import { silentLogger, testSchema } from './harness';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of the browser tests (test artefacts; the best are copied into docs/images/). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface DemoServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  base: string;
  server: RapportServer;
  store: Store;
  stop(): Promise<void>;
}

/** The real server on the embedded engine (in memory) with the demo data, on a random port. */
export async function startDemoServer(opts: { auth?: AuthConfig; env?: 'test' | 'production' } = {}): Promise<DemoServer> {
  const store = EmbeddedStore.inMemory();
  await bootstrapSchema(store);
  await loadDemo(store);
  const server = await createServer({
    config: { host: '127.0.0.1', port: 0, env: opts.env ?? 'test' },
    store,
    schema: await testSchema(),
    logger: silentLogger,
    auth: opts.auth,
  });
  const url = await server.listen();
  return {
    base: url.replace(/\/graphql$/, ''),
    server,
    store,
    stop: async () => {
      await server.stop();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core on the page: the serious and critical violations (rule id and the first target). */
export async function seriousViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const sel of exclude) builder = builder.exclude(sel);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
