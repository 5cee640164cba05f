import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from './test-app';

/** Debian's Chromium (apt-get install chromium); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_DIST = path.join(__dirname, '..', '..', 'client', 'dist', 'index.html');
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
export const PASSWORD = 'correct horse battery staple';

export interface Person {
  readonly page: Page;
  readonly context: BrowserContext;
}

/** The real service on the real node, served to a real Chromium, where each person has a context. */
export class WebClientHarness {
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];
  t!: TestApp;
  base = '';

  /** Starts the service (with these settings besides the tests' own) and the browser. */
  async start(env: Record<string, string> = {}): Promise<void> {
    if (!existsSync(CLIENT_DIST))
      throw new Error('client/dist holds no build of the web client: run npm run build');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    this.t = await createTestApp(env);
    await this.t.app.listen(0, '127.0.0.1');
    this.base = `http://127.0.0.1:${(this.t.app.getHttpServer() as { address(): AddressInfo }).address().port}/`;
    // As root (CI), Chromium runs only without its sandbox.
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser?.close();
    await this.t?.close();
  }

  /** A new person with an account made through the page ('create'), or signing in to one that exists. */
  async person(
    username: string,
    options: { account?: 'create' | 'existing'; viewport?: { width: number; height: number } } = {},
  ): Promise<Person> {
    const context = await this.browser!.newContext({
      viewport: options.viewport ?? { width: 1000, height: 700 },
    });
    this.contexts.push(context);
    const page = await context.newPage();
    // Anything a page runs that it should not (a script from a message) would land here.
    await page.addInitScript(() => {
      (globalThis as unknown as { __ran: string[] }).__ran = [];
    });
    await page.goto(this.base);
    const creating = (options.account ?? 'create') === 'create';
    if (creating) await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: creating ? 'Create account' : 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return { page, context };
  }
}

export const history = (page: Page) => page.getByRole('log');
export const conversations = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
/**
 * The message whose text is exactly `text`. A bubble's whole text also holds its time, so a
 * substring match would let 'filler 3' at 5:07 PM stand for 'filler 35'.
 */
export const bubble = (page: Page, text: string) =>
  history(page)
    .locator('article')
    .filter({ has: page.locator('p.text').getByText(text, { exact: true }) });

/** Types and sends a message, and waits until it is no longer pending. */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await history(page).locator('article:not(.pending)', { hasText: text }).last().waitFor();
}
