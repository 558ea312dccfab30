/**
 * Web speed (issue 12), a script and not a test: how soon the customer card is readable after
 * navigation in headless Chromium on the demo data, and how much JavaScript the first page loads.
 *
 *   npm run bench:web            (builds the server and the web app first)
 *   RUNS=20 npm run bench:web
 *
 * "Readable" = the card's coverage rows and escalation path are on screen. Cold = a fresh browser
 * context (empty cache), a full page load; warm = an in-app navigation from another page (the PRIMARY engineer's page, back by its portfolio link).
 *
 * Options (environment):
 *   WEB_DIRS=dirA,dirB  compare builds of the web app, interleaved load by load (A B B A …) in the same
 *                       window; each is served by its own server (same process, same store). Default dist/web.
 *   TIMINGS=1           also print each cold load's timeline (in-page: navigation start → HTML →
 *                       entry script → early answer → first contentful paint → card in the DOM → next
 *                       frame; Node: Playwright sees the card), the renderer's main-thread time, its long
 *                       tasks, and this process's event-loop delay and GC during the load, so that the
 *                       slow loads can be told apart (page, browser or this process). Adds a small
 *                       observer script to the page, so the bare figures come from runs without it.
 *   WARM=0              skip the warm navigation.
 *   CHROMIUM_ARGS="…"   more launch flags, e.g. --disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup:
 *                       Chromium 156 loads two pages of its own UI (chrome://omnibox-popup.top-chrome/,
 *                       each in its own renderer, ~100 modules) for every new context, i.e. during every
 *                       cold load measured here, which competes with the card's renderer for the CPU.
 *   CHROMIUM_ARGS_B="…" compare launch flags instead of builds: one build, two browsers (B with these
 *                       flags added), interleaved load by load like WEB_DIRS.
 *   WARMUP=1            first one unmeasured cold load per build (another customer, its own context,
 *                       closed before the measured ones), so that the measured loads do not include
 *                       the start-up of the freshly launched browser (Chromium loads its own WebUI
 *                       pages then) and of the freshly started server (the first GraphQL request of
 *                       the process costs ~3-5x the CPU of the next ones). Each measured load still has
 *                       a new context: its own renderer, an empty cache. Off by default; printed.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildRapportSchema } from '../src/build-schema';
import { bootstrapSchema } from '../src/graph/bootstrap';
import { EmbeddedStore } from '../src/graph/embedded-store';
import { createLogger } from '../src/logger';
import { createServer } from '../src/server';
import { WEB_DIST } from '../src/http/web.route';
import { loadDemo } from '../seeds/load-demo';

const RUNS = Number(process.env.RUNS ?? 10);
const TIMINGS = process.env.TIMINGS === '1';
const WARM = process.env.WARM !== '0';
const WARMUP = process.env.WARMUP === '1';
const WARMUP_CUSTOMER = 'cus_cm-shenzhen';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium 156 opens two of its own omnibox pop-up pages (each a renderer) with every new context:
  // on two cores they competed with the card's renderer and the server (bench/RESULTS.md, issue 12).
  // They are the browser's UI, not the page's work, and a visible browser does not build them per tab.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  ...(process.env.CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
];
const CUSTOMERS = ['cus_cm-urumqi', 'cus_cm-urumqi-midong', 'cus_ct-wuhan', 'cus_cu-harbin', 'cus_xian-qujiang-hotel'];
const READABLE = '[data-testid="escalation"] li, [data-testid="coverage-row"]';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** In TIMINGS mode, before any of the page's scripts: when the card is first in the DOM, the next frame, and long tasks. */
const OBSERVER = `(() => {
  const t = (window.__benchTimes = { longTasks: [] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) t.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const check = () => {
    if (t.dom || !document.querySelector(${JSON.stringify(READABLE)})) return;
    t.dom = performance.now();
    requestAnimationFrame(() => { t.frame = performance.now(); });
    mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
})();`;

interface Timeline {
  html: number;
  entry: number;
  early: number;
  dcl: number;
  fcp: number;
  dom: number;
  frame: number;
  seen: number;
  nav: number;
  longTasks: [number, number][];
  script: number;
  layout: number;
  style: number;
  task: number;
  loopMax: number;
  gc: number;
  load: number;
}

interface Build {
  label: string;
  args: string[];
  browser?: Browser;
  dir: string;
  base: string;
  entryGz: number;
  files: number;
  loadedGz: number;
  loadedFiles: number;
  cold: number[];
  warm: number[];
  timelines: Timeline[];
}

async function main() {
  const argsB = (process.env.CHROMIUM_ARGS_B ?? '').split(' ').filter(Boolean);
  let dirs = (process.env.WEB_DIRS ?? WEB_DIST).split(',').map((d) => path.resolve(d.trim()));
  if (argsB.length) {
    if (dirs.length > 1) throw new Error('CHROMIUM_ARGS_B compares two browsers on one build: give WEB_DIRS one directory');
    dirs = [dirs[0], dirs[0]];
  }
  for (const d of dirs) if (!existsSync(path.join(d, 'index.html'))) throw new Error(`${d}/index.html is missing: npm run build:web`);
  const store = EmbeddedStore.inMemory();
  await bootstrapSchema(store);
  await loadDemo(store);
  const schema = await buildRapportSchema();
  const servers = [];
  const builds: Build[] = [];
  for (const [i, dir] of dirs.entries()) {
    const server = await createServer({
      config: { host: '127.0.0.1', port: 0, env: 'test' },
      store,
      schema,
      logger: createLogger('silent'),
      webDir: dir,
    });
    servers.push(server);
    const base = (await server.listen()).replace(/\/graphql$/, '');
    // JavaScript the first page needs: what index.html references (entry and preloads), gzipped.
    const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const referenced = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const gz = (f: string) => gzipSync(readFileSync(path.join(dir, f))).length;
    const entryGz = referenced.reduce((s, f) => s + gz(f), 0);
    const label = dirs.length > 1 ? String.fromCharCode(65 + i) : '';
    const args = argsB.length && i === 1 ? [...ARGS, ...argsB] : ARGS;
    builds.push({
      label,
      args,
      dir,
      base,
      entryGz,
      files: referenced.length,
      loadedGz: 0,
      loadedFiles: 0,
      cold: [],
      warm: [],
      timelines: [],
    });
  }
  const browsers: Browser[] = [];
  for (const b of builds) {
    const same = builds.find((o) => o.browser && o.args.join(' ') === b.args.join(' '));
    b.browser = same?.browser ?? (await chromium.launch({ executablePath: CHROMIUM, headless: true, args: b.args }));
    if (!same) browsers.push(b.browser);
  }
  // This process's own stalls (the server and Playwright's client share it): event-loop delay and GC.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const warmups: string[] = [];
  try {
    if (WARMUP)
      for (const b of builds) {
        const context = await b.browser!.newContext({ locale: 'en-GB' });
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(`${b.base}/customers/${WARMUP_CUSTOMER}`, { waitUntil: 'commit' });
        await page.locator(READABLE).first().waitFor({ timeout: 10_000 });
        warmups.push(`${b.label || 'cold'} ${Math.round(performance.now() - t0)} ms`);
        await context.close();
      }
    for (let i = 0; i < RUNS; i++) {
      const id = CUSTOMERS[i % CUSTOMERS.length];
      // Interleaved: A B B A A B B A … (each build as often first as second in a pair).
      const order = builds.length > 1 && i % 2 === 1 ? [...builds].reverse() : builds;
      for (const b of order) await load(b.browser!, b, id, i === 0);
    }
  } finally {
    gcObserver.disconnect();
    loop.disable();
    for (const browser of browsers) await browser.close();
    for (const server of servers) {
      await server.stop();
      server.httpServer.close();
    }
  }

  async function load(browser: Browser, b: Build, id: string, first: boolean) {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const js = new Set<string>();
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.endsWith('.js')) js.add(u.pathname.slice(1));
    });
    const cdp = TIMINGS ? await context.newCDPSession(page) : null;
    if (cdp) {
      await page.addInitScript(OBSERVER);
      await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    }
    loop.reset();
    const gc0 = gcMs;
    const t0 = performance.now();
    await page.goto(`${b.base}/customers/${id}`, { waitUntil: 'commit' });
    await page.locator(READABLE).first().waitFor({ timeout: 10_000 });
    const ms = performance.now() - t0;
    b.cold.push(ms);
    if (cdp) {
      const seenAt = performance.timeOrigin + t0 + ms;
      const loopMax = loop.max / 1e6;
      const gc = gcMs - gc0;
      const metrics = Object.fromEntries(
        ((await cdp.send('Performance.getMetrics')).metrics as { name: string; value: number }[]).map((m) => [m.name, m.value]),
      );
      const p = (await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        const entry = res.find((r) => /\\/assets\\/index-[^/]*\\.js$/.test(r.name));
        const early = res.find((r) => r.name.endsWith('/graphql'));
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const t = window.__benchTimes;
        return {
          origin: performance.timeOrigin,
          html: nav.responseEnd,
          dcl: nav.domContentLoadedEventEnd,
          entry: entry ? entry.responseEnd : null,
          early: early ? early.responseEnd : null,
          fcp: fcp ? fcp.startTime : null,
          dom: t.dom ?? null,
          frame: t.frame ?? null,
          longTasks: t.longTasks,
        };
      })()`)) as Record<'origin' | 'html' | 'dcl', number> &
        Record<'entry' | 'early' | 'fcp' | 'dom' | 'frame', number | null> & { longTasks: [number, number][] };
      b.timelines.push({
        nav: p.origin - (performance.timeOrigin + t0),
        html: p.html,
        entry: p.entry ?? NaN,
        early: p.early ?? NaN,
        dcl: p.dcl,
        fcp: p.fcp ?? NaN,
        dom: p.dom ?? NaN,
        frame: p.frame ?? NaN,
        seen: seenAt - p.origin,
        longTasks: p.longTasks,
        script: (metrics.ScriptDuration ?? 0) * 1000,
        layout: (metrics.LayoutDuration ?? 0) * 1000,
        style: (metrics.RecalcStyleDuration ?? 0) * 1000,
        task: (metrics.TaskDuration ?? 0) * 1000,
        loopMax,
        gc,
        load: loadavg()[0],
      });
    }
    if (first) {
      b.loadedFiles = js.size;
      b.loadedGz = [...js].reduce((s, f) => s + gzipSync(readFileSync(path.join(b.dir, f))).length, 0);
    }
    if (WARM) {
      // Warm: to the PRIMARY engineer's page (first step of the escalation path) and back by the portfolio's link.
      await page.locator('[data-testid="escalation"] li a[href^="/engineers/"]').first().click();
      await page.waitForURL(/\/engineers\//);
      const link = page.locator(`a[href="/customers/${id}"]`).first();
      await link.waitFor({ timeout: 10_000 }).catch(() => undefined);
      if (await link.count()) {
        const t1 = performance.now();
        await link.click();
        await page.locator('[data-testid="coverage-row"]').first().waitFor({ timeout: 10_000 });
        b.warm.push(performance.now() - t1);
      }
    }
    await context.close();
  }

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${xs.length} | ${Math.round(pct(xs, 50))} | ${Math.round(pct(xs, 95))} | ${Math.round(Math.max(...xs))} |`;
  const r = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');
  const out = [
    `Web speed, headless Chromium (${CHROMIUM}${process.env.CHROMIUM_ARGS ? ` ${process.env.CHROMIUM_ARGS}` : ''}), demo data, embedded engine, ${new Date().toISOString().slice(0, 10)}; machine load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}${builds.length > 1 ? '; builds interleaved load by load' : ''}`,
    WARMUP
      ? `Warm-up (one unmeasured cold load per build, ${WARMUP_CUSTOMER}, before the measured ones): ${warmups.join(', ')}`
      : "No warm-up: the first measured load includes the browser's and the server's start-up",
    '',
    '| customer card readable after navigation | runs | median ms | p95 ms | max ms |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const b of builds) {
    const name = b.label ? `${b.label}: ` : '';
    out.push(row(`${name}cold (new context, full load)`, b.cold));
    if (b.warm.length) out.push(row(`${name}warm (in-app link from the engineer's portfolio)`, b.warm));
  }
  // Interleaved, load i of each build ran back to back: the per-pair difference is less disturbed by
  // the machine's load (which drifts over minutes) than either build's own percentiles.
  for (const b of builds.slice(1)) {
    const d = b.cold.map((x, i) => x - builds[0].cold[i]);
    out.push(
      `| ${b.label} − ${builds[0].label}, cold, load by load | ${d.length} | ${Math.round(pct(d, 50))} | ${Math.round(pct(d, 95))} | ${Math.round(Math.max(...d))} |`,
    );
  }
  if (argsB.length) out.push('', `A and B: the same build; B's browser launched with ${argsB.join(' ')} added.`);
  out.push('');
  for (const b of builds) {
    const name = b.label ? `${b.label} (${path.relative(process.cwd(), b.dir) || '.'}): ` : '';
    out.push(
      `${name}First page JavaScript (index.html entry + preloads), gzipped: ${kb(b.entryGz)} (${b.files} files); the card page loaded ${kb(b.loadedGz)} (${b.loadedFiles} files; the relationship picture and GraphiQL are lazy chunks)`,
      `${name}Target: card readable within 1 s: ${pct(b.cold, 95) <= 1000 ? 'met' : 'NOT met'} (p95 cold); first page JS <= 400 KB gzipped: ${Math.max(b.entryGz, b.loadedGz) <= 400 * 1024 ? 'met' : 'NOT met'}`,
    );
  }
  if (TIMINGS) {
    out.push(
      '',
      "Cold loads, ms from the page's navigation start (nav: from goto() to it; seen: Playwright in this process sees the card; main: renderer main-thread task time, of which script/style/layout; long: long tasks start+duration; loop: this process's worst event-loop delay; gc: its GC time):",
      '',
      '| build | total | nav | html | entry js | early answer | DCL | FCP | card in DOM | next frame | seen | main | script | style | layout | long tasks | loop | gc | load |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    );
    const n = Math.max(...builds.map((b) => b.timelines.length));
    for (let i = 0; i < n; i++)
      for (const b of builds) {
        const t = b.timelines[i];
        if (!t) continue;
        out.push(
          `| ${b.label || '-'} | ${r(b.cold[i])} | ${r(t.nav)} | ${r(t.html)} | ${r(t.entry)} | ${r(t.early)} | ${r(t.dcl)} | ${r(t.fcp)} | ${r(t.dom)} | ${r(t.frame)} | ${r(t.seen)} | ${r(t.task)} | ${r(t.script)} | ${r(t.style)} | ${r(t.layout)} | ${t.longTasks.map(([s, d]) => `${s}+${d}`).join(' ')} | ${r(t.loopMax)} | ${r(t.gc)} | ${t.load.toFixed(1)} |`,
        );
      }
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench:web failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
