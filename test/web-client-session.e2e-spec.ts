import * as path from 'node:path';
import { Page } from 'playwright-core';
import { SCREENSHOTS, WebClientHarness } from './support/web-browser';

/** An access token lives its shortest allowed life here, so the client's early refresh comes within seconds. */
const ACCESS_TOKEN_TTL_SECONDS = 60;

/** The web client's sign-in: kept across reloads, refreshed before it expires, and patient with an outage. */
describe('the web client session', () => {
  const web = new WebClientHarness();
  const person = async (username: string): Promise<Page> => (await web.person(username)).page;

  beforeAll(() => web.start({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) }));
  afterAll(() => web.close());

  it('keeps the sign-in across a reload, and signs out', async () => {
    const cat = await person('webcat');
    await cat.reload();
    await cat.getByRole('button', { name: 'Sign out' }).waitFor();
    // From the reload's start to the list's first frame (refresh, profile, list: three requests).
    await cat.waitForFunction(() => performance.getEntriesByName('conversations-listed').length > 0);
    const listedAfterMs = await cat.evaluate(
      () => performance.getEntriesByName('conversations-listed')[0].startTime,
    );
    expect(listedAfterMs).toBeGreaterThan(0);
    console.log(
      `web client: conversation list first rendered ${listedAfterMs.toFixed(0)} ms after the reload began`,
    );
    await cat.getByRole('button', { name: 'Sign out' }).click();
    await cat.getByRole('button', { name: 'Sign in' }).waitFor();
    await cat.screenshot({ path: path.join(SCREENSHOTS, 'sign-in.png') });
    await cat.reload();
    await cat.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('refreshes the access token before it expires, and no request meets a 401', async () => {
    await web.t.register('webfriend');
    const page = await person('webrefresh');
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) refused.push(response.url());
    });
    // A minute's token is refreshed at the client's floor of 5 s, well before it runs out.
    const refresh = await page.waitForResponse(
      (response) => response.url().endsWith('/api/auth/refresh') && response.request().method() === 'POST',
      { timeout: 15_000 },
    );
    expect(refresh.status()).toBe(200);
    // The page goes on with the new token: a first message reaches the service as this user.
    await page.getByLabel('Write to').fill('webfr');
    await page
      .getByRole('list', { name: 'People' })
      .getByRole('button', { name: /webfriend/ })
      .click();
    await page.getByLabel('Message').fill('after the refresh');
    await page.getByLabel('Message').press('Enter');
    await page.getByRole('log').locator('article:not(.pending)', { hasText: 'after the refresh' }).waitFor();
    expect(refused).toEqual([]);
  });

  it('says when the service cannot be reached, and comes back by itself', async () => {
    const page = await person('webdown');
    // The service goes away: every API request fails as a refused connection would.
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.getByRole('status').getByText('The service cannot be reached. Retrying…').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'service-down.png') });
    await page.unroute('**/api/**');
    // Tried again every 3 s: the sign-in the reload left is back.
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').count()).toBe(0);
  });
});
