/**
 * Web speed (issue 12), a script and not a test: how soon the customer card is readable after
 * navigation in headless Chromium on the demo data, and how much JavaScript the first page loads.
 *
 *   npm run bench:web            (builds the server and the web app first)
 *   RUNS=20 npm run bench:web
 *
 * "Readable" = the card's coverage rows and escalation path are on screen. Cold = a fresh browser
 * context (empty cache), a full page load; warm = an in-app navigation from another page (the PRIMARY engineer's page, back by its portfolio link).
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildRapportSchema } from '../src/build-schema';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { createLogger } from '../src/logger';
import { createServer } from '../src/server';
import { WEB_DIST } from '../src/http/web.route';
import { loadDemo } from '../seeds/load-demo';

const RUNS = Number(process.env.RUNS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CUSTOMERS = ['cus_cm-urumqi', 'cus_cm-urumqi-midong', 'cus_ct-wuhan', 'cus_cu-harbin', 'cus_xian-qujiang-hotel'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('dist/web is missing: npm run build:web');
  const store = EmbeddedStore.inMemory();
  await bootstrapSchema(store);
  await loadDemo(store);
  const server = await createServer({
    config: { host: '127.0.0.1', port: 0, env: 'test' },
    store,
    schema: await buildRapportSchema(),
    logger: createLogger('silent'),
  });
  const base = (await server.listen()).replace(/\/graphql$/, '');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    // JavaScript the first page needs: what index.html references (entry and preloads), gzipped.
    const index = readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    const referenced = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const gz = (f: string) => gzipSync(readFileSync(path.join(WEB_DIST, f))).length;
    const entryGz = referenced.reduce((s, f) => s + gz(f), 0);

    const cold: number[] = [];
    const warm: number[] = [];
    let loadedJs = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const id = CUSTOMERS[i % CUSTOMERS.length];
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      const js = new Set<string>();
      page.on('response', (r) => {
        const u = new URL(r.url());
        if (u.pathname.endsWith('.js')) js.add(u.pathname.slice(1));
      });
      const t0 = performance.now();
      await page.goto(`${base}/customers/${id}`, { waitUntil: 'commit' });
      await page.locator('[data-testid="escalation"] li, [data-testid="coverage-row"]').first().waitFor({ timeout: 10_000 });
      cold.push(performance.now() - t0);
      if (i === 0) loadedJs = js;
      // Warm: from the attention list to the card by clicking its link (the app is loaded).
      // Warm: to the PRIMARY engineer's page (first step of the escalation path) and back by the portfolio's link.
      await page.locator('[data-testid="escalation"] li a[href^="/engineers/"]').first().click();
      await page.waitForURL(/\/engineers\//);
      const link = page.locator(`a[href="/customers/${id}"]`).first();
      await link.waitFor({ timeout: 10_000 }).catch(() => undefined);
      if (await link.count()) {
        const t1 = performance.now();
        await link.click();
        await page.locator('[data-testid="coverage-row"]').first().waitFor({ timeout: 10_000 });
        warm.push(performance.now() - t1);
      }
      await context.close();
    }
    const loadedGz = [...loadedJs].reduce((s, f) => s + gz(f), 0);
    const row = (name: string, xs: number[]) =>
      `| ${name} | ${xs.length} | ${Math.round(pct(xs, 50))} | ${Math.round(pct(xs, 95))} | ${Math.round(Math.max(...xs))} |`;
    const out = [
      `Web speed, headless Chromium (${CHROMIUM}), demo data, embedded engine, ${new Date().toISOString().slice(0, 10)}; machine load average ${loadavg()[0].toFixed(1)}`,
      '',
      '| customer card readable after navigation | runs | median ms | p95 ms | max ms |',
      '|---|---:|---:|---:|---:|',
      row('cold (new context, full load)', cold),
      warm.length ? row("warm (in-app link from the engineer's portfolio)", warm) : '',
      '',
      `First page JavaScript (index.html entry + preloads), gzipped: ${kb(entryGz)} (${referenced.length} files)`,
      `JavaScript the card page actually loaded, gzipped: ${kb(loadedGz)} (${loadedJs.size} files; the relationship picture and GraphiQL are lazy chunks)`,
      `Target: card readable within 1 s: ${pct(cold, 95) <= 1000 ? 'met' : 'NOT met'} (p95 cold); first page JS <= 400 KB gzipped: ${Math.max(entryGz, loadedGz) <= 400 * 1024 ? 'met' : 'NOT met'}`,
    ];
    process.stdout.write(out.filter((l) => l !== undefined).join('\n') + '\n');
  } finally {
    await browser.close();
    await server.stop();
    server.httpServer.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:web failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
