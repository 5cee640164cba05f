import { createTestApp, SettableClock, Session, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;

interface Listed {
  id: string;
  title: string | null;
  member_count: number;
  last_message_content: string | null;
}

describe('a member removed from a group and added back', () => {
  const clock = new SettableClock();
  let t: TestApp;
  let owner: Session;
  let bob: Session;
  let carol: Session;

  beforeAll(async () => {
    t = await createTestApp({}, { clock });
    [owner, bob, carol] = [
      await t.register('rejoinowner'),
      await t.register('rejoinbob'),
      await t.register('rejoincarol'),
    ];
  });
  afterAll(() => t.close());

  const listed = async (who: Session) =>
    (await t.as(who.access_token).get('/api/conversations?limit=100').expect(200)).body.data as Listed[];
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A group with one message, sent `daysAgo` days ago; removes carol, renames it, adds carol back. */
  const removeRenameReAdd = async (title: string, daysAgo: number) => {
    clock.set(new Date(Date.now() - daysAgo * DAY_MS));
    const created = await t
      .as(owner.access_token)
      .post('/api/conversations')
      .send({ title, member_ids: [bob.user.id, carol.user.id] })
      .expect(201);
    const id = created.body.id as string;
    await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: `${title} news` })
      .expect(201);
    clock.set(undefined);

    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/${carol.user.id}`).expect(204);
    expect((await listed(carol)).map((item) => item.id)).not.toContain(id);
    // A list read tidies what it finds behind in settled days; let it finish.
    await sleep(300);
    await t
      .as(owner.access_token)
      .patch(`/api/conversations/${id}`)
      .send({ title: `${title} renamed` })
      .expect(200);
    await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/members`)
      .send({ user_ids: [carol.user.id] })
      .expect(200);
    return id;
  };

  it('finds the group in their list again at once, as it is now', async () => {
    const id = await removeRenameReAdd('Fresh', 0);
    expect((await listed(carol)).find((item) => item.id === id)).toEqual(
      expect.objectContaining({
        id,
        title: 'Fresh renamed',
        member_count: 3,
        last_message_content: 'Fresh news',
      }),
    );
  });

  it('also when the group’s last message is days old, after a list read has tidied that day', async () => {
    const id = await removeRenameReAdd('Old', 3);
    expect((await listed(carol)).find((item) => item.id === id)).toEqual(
      expect.objectContaining({
        id,
        title: 'Old renamed',
        member_count: 3,
        last_message_content: 'Old news',
      }),
    );
    await sleep(300);
    // Read again, after any tidying the previous read started, and after the next message.
    expect((await listed(carol)).map((item) => item.id)).toContain(id);
    await t
      .as(bob.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'welcome back' })
      .expect(201);
    const [top] = await listed(carol);
    expect(top).toEqual(expect.objectContaining({ id, last_message_content: 'welcome back' }));
  });
});
