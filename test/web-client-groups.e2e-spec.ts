import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { bubble, conversations, history, SCREENSHOTS, send, WebClientHarness } from './support/web-browser';

const GROUP = 'Weekend trip';

/** Whether an element of the history is within the history's visible part. */
const inView = (page: Page, text: string) =>
  bubble(page, text).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const log = element.closest('[role="log"]')!.getBoundingClientRect();
    return box.top >= log.top && box.bottom <= log.bottom;
  });

/** What the test reads of an <img>. */
interface LoadedImage {
  readonly complete: boolean;
  readonly naturalWidth: number;
}

/** A 240 × 160 PNG, drawn by the browser: a lake and a path on a meadow. */
async function drawnPicture(page: Page): Promise<Buffer> {
  // Run in the page, which has a DOM (these tests compile without one).
  const dataUrl = await page.evaluate<string>(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 160;
    const draw = canvas.getContext('2d');
    draw.fillStyle = '#a8d5a2';
    draw.fillRect(0, 0, 240, 160);
    draw.fillStyle = '#5aa9e6';
    draw.beginPath();
    draw.ellipse(160, 60, 50, 30, 0.3, 0, 2 * Math.PI);
    draw.fill();
    draw.strokeStyle = '#8b5a2b';
    draw.lineWidth = 4;
    draw.beginPath();
    draw.moveTo(10, 150);
    draw.bezierCurveTo(60, 90, 90, 140, 120, 100);
    draw.stroke();
    return canvas.toDataURL('image/png');
  })()`);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** Groups in the web client: made, joined, left; receipts, typing, reactions, files and search in them. */
describe('the web client in a group', () => {
  const web = new WebClientHarness();
  beforeAll(() => web.start());
  afterAll(() => web.close());

  it('makes a group that a fourth person joins, with receipts, typing, reactions, files, search and removal', async () => {
    // Cat's account is made through the API, so the test can also write as her; she signs in on the page.
    const catSession = await web.t.register('webgcat');
    const { page: ann } = await web.person('webgann');
    const { page: ben } = await web.person('webgben');
    const { page: cat } = await web.person('webgcat', { account: 'existing' });
    const { page: dave } = await web.person('webgdave', { viewport: { width: 390, height: 760 } });
    const titles = (page: Page) => conversations(page).locator('.title').allTextContents();
    const annId = (
      await web.t.as(catSession.access_token).get('/api/users?username_prefix=webgann').expect(200)
    ).body.data[0].id as number;
    const toAnn = (content: string) =>
      web.t
        .as(catSession.access_token)
        .post('/api/messages')
        .send({ receiver_id: annId, content })
        .expect(201);
    await toAnn('Are you coming on Saturday?');
    await conversations(ann)
      .getByRole('button', { name: /webgcat/ })
      .waitFor();

    // Ann makes the group with Ben and Cat.
    await ann.getByRole('button', { name: 'New group' }).click();
    await ann.getByLabel('Group name').fill(GROUP);
    for (const [prefix, name] of [
      ['webgb', /webgben/],
      ['webgc', /webgcat/],
    ] as const) {
      await ann.getByLabel('Add people').fill(prefix);
      await ann.getByRole('list', { name: 'People' }).getByRole('button', { name }).click();
    }
    expect(
      await ann.getByRole('list', { name: 'Chosen people' }).getByRole('listitem').allTextContents(),
    ).toEqual(['webgben×', 'webgcat×']);
    await ann.getByRole('button', { name: 'Create group' }).click();
    await ann.getByRole('heading', { name: GROUP }).waitFor();
    await send(ann, 'Who brings the tent?');
    expect(await titles(ann)).toEqual([GROUP, 'webgcat']);

    // Ben has it in his list, unread; he opens it and Ann sees that he has seen her message.
    await conversations(ben)
      .getByRole('button', { name: new RegExp(GROUP) })
      .getByLabel('1 unread')
      .waitFor();
    await conversations(ben)
      .getByRole('button', { name: new RegExp(GROUP) })
      .click();
    await bubble(ben, 'Who brings the tent?').getByText('webgann').waitFor();
    await bubble(ann, 'Who brings the tent?').getByText('Seen by webgben').waitFor();

    // Ben types: Ann sees it; he sends, and it ends.
    await ben.getByLabel('Message').fill('I do');
    await ann.getByText('webgben is typing…').waitFor();
    await ben.getByLabel('Message').press('Enter');
    await history(ann).getByText('I do').waitFor();
    await ann.getByText('webgben is typing…').waitFor({ state: 'detached' });

    // Ben answers Ann's message with another emoji than 👍.
    await bubble(ben, 'Who brings the tent?').getByRole('button', { name: 'More reactions' }).click();
    await bubble(ben, 'Who brings the tent?').getByRole('button', { name: 'React ❤️' }).click();
    await bubble(ann, 'Who brings the tent?').getByLabel('❤️ 1').waitFor();

    // Ann sends a picture and a text file; Ben sees the picture and downloads the file.
    const picture = await drawnPicture(ann);
    const notes = 'Tent, stove, maps\n';
    await ann.getByLabel('Attach files').setInputFiles([
      { name: 'map.png', mimeType: 'image/png', buffer: picture },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(notes) },
    ]);
    await ann.getByRole('list', { name: 'Files to send' }).getByText('notes.txt').waitFor();
    await ann.getByRole('list', { name: 'Files to send' }).getByText('map.png').waitFor();
    await send(ann, 'Route and packing list');
    const image = bubble(ben, 'Route and packing list').getByRole('img', { name: 'map.png' });
    await image.waitFor();
    await ben.waitForFunction(
      (element) =>
        (element as unknown as LoadedImage).complete && (element as unknown as LoadedImage).naturalWidth > 0,
      await image.elementHandle(),
    );
    expect(await image.evaluate((element) => (element as unknown as LoadedImage).naturalWidth)).toBe(240);
    const [download] = await Promise.all([
      ben.waitForEvent('download'),
      bubble(ben, 'Route and packing list').getByRole('button', { name: 'Download notes.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    expect(readFileSync(await download.path(), 'utf8')).toBe(notes);

    // A fourth person joins: Ann adds Dave, who has the group at once, on a phone-sized screen.
    await ann.getByRole('button', { name: 'Members' }).click();
    const members = ann.getByRole('complementary', { name: 'Members' });
    await members.getByText('3 members').waitFor();
    await members.getByLabel('Add someone').fill('webgd');
    await members
      .getByRole('list', { name: 'People' })
      .getByRole('button', { name: /webgdave/ })
      .click();
    await members.getByText('4 members').waitFor();
    await ann.screenshot({ path: path.join(SCREENSHOTS, 'group.png') });
    await conversations(dave)
      .getByRole('button', { name: new RegExp(GROUP) })
      .click();
    await bubble(dave, 'Who brings the tent?').waitFor();
    // At phone width the conversation takes the screen, and a back button returns to the list.
    expect(await conversations(dave).isVisible()).toBe(false);
    await bubble(dave, 'Route and packing list').getByRole('img', { name: 'map.png' }).waitFor();
    await send(dave, 'Count me in');
    await bubble(ann, 'Count me in').getByText('webgdave').waitFor();
    await dave.screenshot({ path: path.join(SCREENSHOTS, 'phone.png') });
    await dave.getByRole('button', { name: 'Back to conversations' }).click();
    await conversations(dave)
      .getByRole('button', { name: new RegExp(GROUP) })
      .waitFor();

    // Cat searches past a page of newer messages and jumps to the hit; then back to the latest.
    const group = (await web.t.as(catSession.access_token).get('/api/conversations')).body.data[0];
    expect(group.title).toBe(GROUP);
    for (let i = 1; i <= 35; i++)
      await web.t
        .as(catSession.access_token)
        .post(`/api/conversations/${group.id}/messages`)
        .send({ content: `filler ${i}` })
        .expect(201);
    await conversations(cat)
      .getByRole('button', { name: new RegExp(GROUP) })
      .click();
    await bubble(cat, 'filler 35').waitFor();
    expect(await bubble(cat, 'Who brings the tent?').count()).toBe(0);
    await cat.getByRole('button', { name: 'Search' }).click();
    await cat.getByLabel('Search this conversation').fill('TENT');
    await cat.getByLabel('Search this conversation').press('Enter');
    const hits = cat.getByRole('list', { name: 'Search results' });
    await hits.getByRole('button', { name: /Who brings the tent\?/ }).click();
    await history(cat).locator('article.highlighted', { hasText: 'Who brings the tent?' }).waitFor();
    expect(await inView(cat, 'Who brings the tent?')).toBe(true);
    expect(await bubble(cat, 'filler 35').count()).toBe(0);
    await cat.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
    await cat.getByRole('button', { name: 'Back to the latest' }).click();
    await bubble(cat, 'filler 35').waitFor();
    expect(await history(cat).locator('article.highlighted').count()).toBe(0);

    // Ann renames the group: everyone's page follows.
    await members.getByLabel('Group name').fill('Lake trip');
    await members.getByRole('button', { name: 'Rename' }).click();
    await conversations(ben)
      .getByRole('button', { name: /Lake trip/ })
      .waitFor();
    await ben.getByRole('heading', { name: 'Lake trip' }).waitFor();

    // A direct message moves its conversation back to the top of Ann's list, live.
    await toAnn('Saturday then');
    await conversations(ann)
      .getByRole('button', { name: /Saturday then/ })
      .waitFor();
    expect(await titles(ann)).toEqual(['webgcat', 'Lake trip']);

    // Ann removes Cat: the group leaves Cat's page at once.
    await members.getByRole('button', { name: 'Remove webgcat' }).click();
    await members.getByText('3 members').waitFor();
    await conversations(cat)
      .getByRole('button', { name: new RegExp(GROUP) })
      .waitFor({ state: 'detached' });
    await cat.getByText('Pick a conversation').waitFor();
  });
});
