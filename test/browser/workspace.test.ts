/**
 * The web workspace in a real browser (Debian's Chromium through playwright-core) against the real
 * server on the demo data: what an account manager and a service manager do with it.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousViolations, startDemoServer, type DemoServer } from '../support/browser';

let demo: DemoServer;
let browser: Browser;
let page: Page;
const external: string[] = [];

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

beforeEach(async () => {
  // axe needs a page in its own context.
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // Nothing may come from the internet: every request goes to the Rapport server.
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(demo.base) && !url.startsWith('data:') && !url.startsWith('blob:')) external.push(url);
  });
});

afterEach(async () => {
  await page.context().close();
});

const coverageRow = (role: string) => page.locator(`[data-testid="coverage-row"][data-role="${role}"]`);

describe('the customer card', () => {
  it('finds a customer by pinyin with the keyboard and reads who covers it', async () => {
    await page.goto(demo.base + '/');
    const search = page.getByRole('combobox', { name: /Search/ });
    await search.focus();
    await page.keyboard.type('midong');
    await page.getByRole('option', { name: /China Mobile Urumqi Midong/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/cus_cm-urumqi-midong$/);
    await page.getByTestId('customer-card').waitFor();
    await expectText(coverageRow('PRIMARY'), /Chen Gang/);
    await expectText(coverageRow('BACKUP'), /\S/);
    // Open cases carry a live SLA clock; the overdue one says so.
    await expectText(page.getByTestId('sla-clock').first(), /overdue by/);
    await screenshot(page, 'customer-card');
    expect(external).toEqual([]);
  });

  it("finds a device by its serial and opens its customer's card", async () => {
    await page.goto(demo.base + '/attention');
    await page.getByRole('combobox', { name: /Search/ }).fill('0573452');
    await page.getByRole('option', { name: /210230573452.*OptiX PTN 960/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/cus_cm-urumqi-midong#dev_/);
    await page.getByTestId('customer-card').waitFor();
  });

  it('follows the escalation path: numbered, tap-to-call, each step links to the engineer', async () => {
    const cardRequests: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.postData()?.includes('"operationName":"WorkspaceCustomerCard"')) cardRequests.push(req.url());
    });
    await page.goto(demo.base + '/customers/cus_cm-urumqi-midong');
    const steps = page.getByTestId('escalation').locator('li');
    await steps.first().waitFor();
    // Opened by its address, the card is asked for once: by index.html before the app loads (the app takes that answer).
    expect(cardRequests).toHaveLength(1);
    expect(await steps.count()).toBeGreaterThanOrEqual(3);
    await expectText(steps.first(), /Primary.*Chen Gang/);
    expect(await steps.first().locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+8613829051185');
    await steps
      .first()
      .getByRole('link', { name: /Chen Gang/ })
      .click();
    await page.waitForURL(/\/engineers\/eng_chen-gang$/);
    await expectText(page.locator('h1'), /Chen Gang/);
    await page.getByText('Portfolio by role').waitFor();
    await screenshot(page, 'engineer');
  });

  it('shows the earlier engineer when the "as of" date is moved back, with the transfer warning', async () => {
    await page.goto(demo.base + '/customers/cus_cm-urumqi-midong');
    await expectText(coverageRow('PRIMARY'), /Chen Gang/);
    await page.getByTestId('as-of').fill('2026-05-01');
    await expectText(coverageRow('PRIMARY'), /Wang Lei/);
    await expectText(coverageRow('PRIMARY').getByTestId('engineer-warning'), /transferred/);
    expect(page.url()).toContain('at=2026-05-01');
    // The timeline marks the chosen date.
    await page.getByTestId('timeline-marker').waitFor({ state: 'attached' });
    await screenshot(page, 'customer-card-as-of');
    // A deep link survives a reload.
    await page.reload();
    await expectText(coverageRow('PRIMARY'), /Wang Lei/);
  });

  it('draws the relationship picture on demand (a lazy chunk) and switches to Chinese', async () => {
    await page.goto(demo.base + '/customers/cus_cm-urumqi');
    await page.getByTestId('show-graph').click();
    await page.locator('[data-testid="relationship-graph"] canvas').first().waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await page.getByRole('heading', { name: '当前负责' }).waitFor();
    await screenshot(page, 'customer-card-zh');
    await page.evaluate('localStorage.removeItem("rapport.lang")');
  });
});

describe('the attention list', () => {
  it('ranks China Mobile Urumqi (case C4) among the top five, filters, and expands a row to its evidence', async () => {
    await page.goto(demo.base + '/attention');
    const rows = page.getByTestId('attention-table').locator('tbody tr');
    await rows.first().waitFor();
    const urumqi = page.getByTestId('attention-row').filter({ hasText: '中国移动乌鲁木齐分公司' }).first();
    await urumqi.waitFor();
    expect(Number(await urumqi.locator('td').first().innerText())).toBeLessThanOrEqual(5);
    await urumqi.getByRole('button').click();
    await expectText(page.locator('#ev-cus_cm-urumqi'), /COVERED_BY_INACTIVE_ENGINEER|NO_PRIMARY_COVERAGE/);
    await screenshot(page, 'attention');
    // Relay paging: 15 rows a page, "Show more" asks for the next page after the last cursor.
    const total = Number(/(\d+) customers/.exec(await page.getByText(/^\d+ customers$/).innerText())![1]);
    expect(total).toBeGreaterThan(15);
    const dataRows = page.getByTestId('attention-row');
    expect(await dataRows.count()).toBe(15);
    await page.getByRole('button', { name: 'Show more' }).click();
    expect(
      await poll(
        () => dataRows.count(),
        (n) => n === Math.min(total, 30),
      ),
    ).toBe(Math.min(total, 30));
    expect(await dataRows.nth(15).locator('td').first().innerText()).toBe('16');
    const ids = await dataRows.locator('td:nth-child(2) a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(ids).size).toBe(ids.length);
    await page.getByRole('combobox', { name: 'Tier' }).selectOption('STANDARD');
    await page.waitForURL(/tier=STANDARD/);
    const standard = await poll(
      async () => (await rows.allTextContents()).join('|'),
      (t) => !t.includes('中国移动乌鲁木齐分公司'),
    );
    expect(standard).not.toContain('中国移动乌鲁木齐分公司');
    for (const text of await page.getByTestId('attention-table').locator('tbody tr td:nth-child(3)').allTextContents())
      expect(text).toBe('Standard');
  });
});

describe('a handoff, from plan to completion', () => {
  it("hands Wang Lei's forgotten customer to Chen Gang, ticks every item, completes it, and the card changes", async () => {
    await page.goto(demo.base + '/customers/cus_cm-urumqi');
    await expectText(coverageRow('PRIMARY'), /Wang Lei/);
    await expectText(coverageRow('PRIMARY').getByTestId('engineer-warning'), /transferred/);

    await page.getByRole('link', { name: 'Start a handoff' }).click();
    await page.getByTestId('outgoing').selectOption('eng_wang-lei');
    await page.getByTestId('reason').selectOption('TRANSFER');
    await page.getByTestId('successor-cus_cm-urumqi').selectOption('eng_chen-gang');
    await page.getByTestId('plan').click();
    await page.getByTestId('plan-review').waitFor();
    await expectText(page.getByTestId('plan-review'), /Chen Gang/);
    await screenshot(page, 'handoff-plan');
    await page.getByTestId('start').click();
    await page.waitForURL(/\/handoffs\/hof_[^/]+$/);

    const items = page.getByTestId('checklist-item');
    await items.first().waitFor();
    const total = await items.count();
    expect(total).toBeGreaterThan(0);
    await expectText(page.getByTestId('checklist-left'), new RegExp(`${total} of ${total} items left`));
    // The first item is waived with a reason, the rest are done.
    await items.first().getByRole('textbox').fill('Introduced by phone instead');
    await items.first().getByRole('button', { name: 'Waive' }).click();
    expect(
      await poll(
        () => items.first().getAttribute('data-status'),
        (v) => v === 'WAIVED',
      ),
    ).toBe('WAIVED');
    for (let left = total - 1; left > 0; left--) {
      await page.locator('[data-testid="checklist-item"][data-status="OPEN"]').first().getByRole('button', { name: 'Done' }).click();
      await expectText(page.getByTestId('checklist-left'), new RegExp(`^\\s*${left - 1} of ${total} items left`));
    }
    await screenshot(page, 'handoff-checklist');
    await page.getByTestId('complete-handoff').click();
    await expectText(page.getByTestId('handoff-status'), /Completed/);

    await page.goto(demo.base + '/customers/cus_cm-urumqi');
    await expectText(coverageRow('PRIMARY'), /Chen Gang/);
    expect(await coverageRow('PRIMARY').getByTestId('engineer-warning').count()).toBe(0);
  }, 120_000);
});

describe('accessibility', () => {
  const pages = [
    '/',
    '/customers/cus_cm-urumqi-midong',
    '/customers/cus_cm-urumqi-midong?at=2026-05-01',
    '/engineers/eng_zhang-wei',
    '/attention',
    '/handoffs/new',
    '/handoffs/hof_2026-06-rotation',
    '/handoffs/hof_2026-06-rotation/print',
    '/history/cas_c4-midong-board-fault',
    '/signin',
  ];
  it.each(pages)('axe finds no serious or critical violation on %s', async (path) => {
    await page.goto(demo.base + path);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('GraphiQL', () => {
  it('is served at /graphiql from the bundle, with the example operations, and runs one', async () => {
    await page.goto(demo.base + '/graphiql');
    await page.getByText('WhoCovers').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: /Execute query/i }).click();
    await page.getByText('escalationPath').last().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'graphiql');
    expect(external).toEqual([]);
  }, 60_000);

  it("a browser opening /graphql is sent to GraphiQL; Apollo's CDN landing page is gone", async () => {
    const res = await page.goto(demo.base + '/graphql');
    expect(page.url()).toBe(demo.base + '/graphiql');
    expect(res?.status()).toBe(200);
    expect(await page.content()).not.toContain('apollographql.com');
  });
});

/** Waits (up to 10 s) until fn() satisfies check; then asserts it, so a failure shows the last value. */
async function poll<T>(fn: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 10_000;
  let value = await fn();
  while (!check(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await fn();
  }
  return value;
}

async function expectText(locator: ReturnType<Page['locator']>, re: RegExp) {
  const text = await poll(
    async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''),
    (t) => re.test(t),
  );
  expect(text).toMatch(re);
}
