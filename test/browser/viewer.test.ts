/**
 * Authentication on: a region-scoped VIEWER signs in with an API key in the web app and sees masked
 * phones, only their region's customers, and no write buttons.
 */
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/auth/api-keys';
import { launchBrowser, screenshot, seriousViolations, startDemoServer, type DemoServer } from '../support/browser';

let demo: DemoServer;
let browser: Browser;
let page: Page;
let viewerKey: string;

beforeAll(async () => {
  demo = await startDemoServer({ auth: { enabled: true, reason: 'test', jwt: null } });
  const created = await createApiKey(
    demo.store,
    { name: 'Xinjiang viewer', roles: ['VIEWER'], regions: ['reg_xinjiang'] },
    { actor: 'test', now: new Date() },
  );
  viewerKey = created.token;
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

beforeEach(async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

afterEach(async () => {
  await page.context().close();
});

async function signIn(next: string) {
  await page.goto(demo.base + next);
  // Not signed in: the app asks for a credential and remembers where the user was going.
  await page.waitForURL(/\/signin\?next=/);
  await page.getByTestId('token').fill(viewerKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('a region-scoped VIEWER', () => {
  it('signs in with an API key and sees who they are: role and regions', async () => {
    await signIn('/customers/cus_cm-urumqi');
    await page.goto(demo.base + '/signin');
    const viewer = page.getByTestId('viewer');
    await viewer.waitFor();
    const text = await viewer.innerText();
    expect(text).toContain('VIEWER');
    expect(text).toContain('reg_xinjiang');
    expect(text).toContain('masked');
    expect(await page.getByTestId('who').innerText()).toContain('VIEWER');
    await screenshot(page, 'signin-viewer');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sees masked phones and no write buttons on a customer of their region', async () => {
    await signIn('/customers/cus_cm-urumqi');
    const phones = page.getByTestId('contact-phone');
    await phones.first().waitFor();
    const texts = (await phones.allInnerTexts()).filter((t) => t.trim());
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/\*{4}/);
    expect(await page.locator('a[href^="tel:"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Start a handoff' }).count()).toBe(0);
    await screenshot(page, 'customer-card-viewer');
    await page.goto(demo.base + '/handoffs/hof_2026-06-rotation');
    await page.getByTestId('checklist-item').first().waitFor();
    expect(await page.getByRole('button', { name: 'Done' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Waive' }).count()).toBe(0);
  });

  it('finds no foreign customer: search and the attention list stay in Xinjiang', async () => {
    await signIn('/attention');
    const rows = page.getByTestId('attention-table').locator('tbody tr');
    await rows.first().waitFor();
    const names = await rows.allInnerTexts();
    expect(names.join('\n')).toContain('乌鲁木齐');
    expect(names.join('\n')).not.toMatch(/武汉|哈尔滨|广州|西安|石家庄/);
    const search = page.getByRole('combobox', { name: /Search/ });
    await search.fill('wuhan');
    await page.getByRole('listbox').getByText('Nothing found').waitFor();
    await search.fill('urumqi');
    await page
      .getByRole('option', { name: /China Mobile Urumqi/ })
      .first()
      .waitFor();
    // A foreign customer's card by its URL is not found.
    await page.goto(demo.base + '/customers/cus_cu-wuhan');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Not found|error/i);
  });
});
