import * as path from 'node:path';
import { Page } from 'playwright-core';
import { bubble, conversations, history, SCREENSHOTS, send, WebClientHarness } from './support/web-browser';

/** The web client in a real browser, against the real service on the real node, as two people use it. */
describe('the web client', () => {
  const web = new WebClientHarness();
  const person = async (username: string): Promise<Page> => (await web.person(username)).page;
  const contextOf = (page: Page) => page.context();

  beforeAll(() => web.start());
  afterAll(() => web.close());

  it('lets two people sign up and chat live, renders what they write as text, and survives a cut socket', async () => {
    const ann = await person('webann');
    const ben = await person('webben');

    // Ann finds Ben by his username and writes the first message.
    await ann.getByLabel('Write to').fill('webb');
    await ann
      .getByRole('list', { name: 'People' })
      .getByRole('button', { name: /webben/ })
      .click();
    await send(ann, 'Hello Ben!');

    // Ben's list shows the new conversation live, unread.
    const bensList = conversations(ben);
    await bensList.getByLabel('1 unread').waitFor();
    await ben.screenshot({ path: path.join(SCREENSHOTS, 'conversation-list.png') });
    await bensList.getByRole('button', { name: /webann/ }).click();
    await history(ben).getByText('Hello Ben!').waitFor();
    await send(ben, 'Hi Ann, got it');
    await history(ann).getByText('Hi Ann, got it').waitFor();

    // Markup from another person is shown as the characters they typed; nothing of it runs.
    const probe =
      '<img src=x onerror="window.__ran.push(1)"> **bold** [link](javascript:window.__ran.push(2))';
    await send(ann, probe);
    const shown = history(ben).locator('article', { hasText: '**bold**' });
    await shown.waitFor();
    expect(await shown.locator('p.text').textContent()).toBe(probe);
    expect(await history(ben).locator('img, a').count()).toBe(0);
    expect(await ben.evaluate(() => (globalThis as unknown as { __ran: string[] }).__ran)).toEqual([]);

    // Ben's connection drops: the page says so, and catches up by itself when it is back.
    await contextOf(ben).setOffline(true);
    await ben.getByRole('status').getByText('Connection lost. Reconnecting…').waitFor();
    await send(ann, 'Sent while you were away');
    await contextOf(ben).setOffline(false);
    await history(ben).getByText('Sent while you were away').waitFor({ timeout: 20_000 });
    await ben.getByRole('status').waitFor({ state: 'detached', timeout: 20_000 });
    // The open conversation is read: no badge, though the list was loaded again.
    expect(await bensList.getByLabel(/unread/).count()).toBe(0);
    await ben.screenshot({ path: path.join(SCREENSHOTS, 'conversation.png') });

    // Each message once, in order, on both sides.
    const texts = async (page: Page) => history(page).locator('article p.text').allTextContents();
    const expected = ['Hello Ben!', 'Hi Ann, got it', probe, 'Sent while you were away'];
    expect(await texts(ann)).toEqual(expected);
    expect(await texts(ben)).toEqual(expected);
  });

  it('edits, deletes and reacts, and the other person sees each change live', async () => {
    const dan = await person('webdan');
    const eve = await person('webeve');
    await dan.getByLabel('Write to').fill('webev');
    await dan
      .getByRole('list', { name: 'People' })
      .getByRole('button', { name: /webeve/ })
      .click();
    await send(dan, 'Lunch at noon?');
    await send(dan, 'Ignore this one');
    await conversations(eve)
      .getByRole('button', { name: /webdan/ })
      .click();
    await history(eve).getByText('Ignore this one').waitFor();

    // Dan edits his first message: Eve sees the new text, marked edited.
    await bubble(dan, 'Lunch at noon?').getByRole('button', { name: 'Edit' }).click();
    await dan.getByLabel('Edit message').fill('Lunch at one?');
    await dan.getByRole('button', { name: 'Save' }).click();
    await bubble(eve, 'Lunch at one?')
      .getByText(/edited/)
      .waitFor();
    // He deletes the second: Eve sees a placeholder.
    await bubble(dan, 'Ignore this one').getByRole('button', { name: 'Delete' }).click();
    await history(eve).getByText('Message deleted').waitFor();
    expect(await history(eve).getByText('Ignore this one').count()).toBe(0);
    // Eve reacts: Dan sees the count; she takes it back: it goes.
    await bubble(eve, 'Lunch at one?').getByRole('button', { name: 'React 👍' }).click();
    await bubble(dan, 'Lunch at one?').getByLabel('👍 1').waitFor();
    await bubble(eve, 'Lunch at one?').getByRole('button', { name: 'Take back 👍' }).click();
    await bubble(dan, 'Lunch at one?').getByLabel('👍 1').waitFor({ state: 'detached' });
    // Only the author edits or deletes.
    expect(await bubble(eve, 'Lunch at one?').getByRole('button', { name: 'Edit' }).count()).toBe(0);
  });

  it('sends each message once through a lost answer, and offers Retry when the service stays away', async () => {
    const sender = await web.t.register('websender');
    const friend = await web.t.register('webfriend2');
    const first = await web.t
      .as(sender.access_token)
      .post('/api/messages')
      .send({ receiver_id: friend.user.id, content: 'first' })
      .expect(201);
    const conversationId = first.body.conversation_id as string;
    const stored = async () =>
      (
        await web.t
          .as(sender.access_token)
          .get(`/api/messages/conversation/${conversationId}?limit=100`)
          .expect(200)
      ).body.data.map((message: { content: string }) => message.content);
    const { page } = await web.person('websender', { account: 'existing' });
    await conversations(page)
      .getByRole('button', { name: /webfriend2/ })
      .click();
    await bubble(page, 'first').waitFor();
    const sends = `**/api/conversations/${conversationId}/messages`;

    // The first attempt reaches the service, but its answer is lost: the automatic retry (same
    // client_message_id) is answered with the stored message.
    let attempts = 0;
    await page.route(sends, async (route) => {
      attempts += 1;
      if (attempts > 1) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    const replayed = page.waitForResponse((response) =>
      response.url().endsWith(`${conversationId}/messages`),
    );
    await send(page, 'answer lost once');
    const replay = await replayed;
    expect([replay.status(), replay.headers()['idempotent-replayed']]).toEqual([200, 'true']);
    expect(attempts).toBe(2);
    await page.unroute(sends);

    // While the service stays away the send fails after its retries, says so, and Retry sends it later.
    await page.route(sends, (route) => route.abort('connectionrefused'));
    await page.getByLabel('Message').fill('held back');
    await page.getByLabel('Message').press('Enter');
    await history(page).getByText('Not sent: The service cannot be reached.').waitFor();
    await page.unroute(sends);
    await history(page).locator('article.failed').getByRole('button', { name: 'Retry' }).click();
    await history(page).locator('article:not(.pending)', { hasText: 'held back' }).waitFor();

    const shown = () => history(page).locator('article p.text').allTextContents();
    expect(await shown()).toEqual(['first', 'answer lost once', 'held back']);
    expect(await stored()).toEqual(['held back', 'answer lost once', 'first']);
  });

  it('opens a conversation from the keyboard and loads older pages above without moving what is read', async () => {
    const writer = await web.t.register('webhwriter');
    const reader = await web.t.register('webhreader');
    const lines = Array.from({ length: 70 }, (_, i) => `line ${i + 1}`);
    for (const [i, content] of lines.entries()) {
      const [from, to] = i % 2 === 0 ? [writer, reader] : [reader, writer];
      await web.t
        .as(from.access_token)
        .post('/api/messages')
        .send({ receiver_id: to.user.id, content })
        .expect(201);
    }
    const { page } = await web.person('webhreader', { account: 'existing' });
    await conversations(page)
      .getByRole('button', { name: /webhwriter/ })
      .focus();
    await page.keyboard.press('Enter');
    await bubble(page, 'line 70').waitFor();
    // Three pages of 30: the newest first; the others as the reader reaches the top.
    const topOf = (text: string) =>
      bubble(page, text).evaluate((element) => element.getBoundingClientRect().top);
    const shownLines = () => history(page).locator('article p.text').allTextContents();
    expect(await shownLines()).toEqual(lines.slice(40));
    for (const [firstShown, firstLoaded] of [
      ['line 41', 'line 11'],
      ['line 11', 'line 1'],
    ]) {
      // Just above the point where the next page loads; then one pixel up, which loads it.
      await history(page).evaluate((element) => element.scrollTo({ top: 40 }));
      const before = await topOf(firstShown);
      await history(page).evaluate((element) => element.scrollTo({ top: 39 }));
      await history(page).locator('article p.text').getByText(firstLoaded, { exact: true }).waitFor();
      // What the reader was looking at is where it was: the older page went in above it.
      expect(Math.abs((await topOf(firstShown)) - (before + 1))).toBeLessThan(2);
    }
    expect(await shownLines()).toEqual(lines);
    expect(await history(page).getByRole('button', { name: 'Earlier messages' }).count()).toBe(0);
  });
});
