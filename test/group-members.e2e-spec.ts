import { createTestApp, range, Session, TestApp } from './support/test-app';

describe('group membership changes', () => {
  let t: TestApp;
  let owner: Session;
  let bob: Session;
  let carol: Session;
  let dave: Session;

  beforeAll(async () => {
    t = await createTestApp();
    [owner, bob, carol, dave] = [
      await t.register('owner'),
      await t.register('bob'),
      await t.register('carol'),
      await t.register('dave'),
    ];
  });
  afterAll(async () => {
    await t.close();
  });

  const group = async (...members: Session[]) =>
    (
      await t
        .as(owner.access_token)
        .post('/api/conversations')
        .send({ title: 'Team', member_ids: members.map((m) => m.user.id) })
        .expect(201)
    ).body.id as string;
  const memberIds = async (conversationId: string) => {
    const res = await t.http().get(`/api/conversations/${conversationId}/members?limit=100`).expect(200);
    return {
      total: res.body.total as number,
      ids: res.body.data.map((m: { user_id: number }) => m.user_id) as number[],
    };
  };
  const listIds = async (who: Session) =>
    ((await t.as(who.access_token).get('/api/conversations').expect(200)).body.data as { id: string }[]).map(
      (c) => c.id,
    );

  it('adds members (owner): 200 with the new count; the added find the group in their list; twice is a no-op', async () => {
    const id = await group(bob, carol);
    const res = await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/members`)
      .send({ user_ids: [dave.user.id, dave.user.id] })
      .expect(200);
    expect(res.body).toMatchObject({ id, kind: 'group', member_count: 4, role: 'owner' });
    expect(await listIds(dave)).toContain(id);
    await t.as(dave.access_token).get(`/api/messages/conversation/${id}`).expect(200);
    const again = await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/members`)
      .send({ user_ids: [dave.user.id, bob.user.id] })
      .expect(200);
    expect(again.body.member_count).toBe(4);
    expect(await memberIds(id)).toEqual({
      total: 4,
      ids: [owner, bob, carol, dave].map((s) => s.user.id).sort((a, b) => a - b),
    });
  });

  it('removes a member: they get 404 and lose the group from their list; the others keep it', async () => {
    const id = await group(bob, carol);
    await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'before' })
      .expect(201);
    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/${carol.user.id}`).expect(204);
    const notFound = { statusCode: 404, error: 'Not Found', message: `conversation ${id} does not exist` };
    expect((await t.as(carol.access_token).get(`/api/messages/conversation/${id}`).expect(404)).body).toEqual(
      notFound,
    );
    await t
      .as(carol.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'still here?' })
      .expect(404);
    expect(await listIds(carol)).not.toContain(id);
    expect(await listIds(bob)).toContain(id);
    expect((await t.as(bob.access_token).get(`/api/conversations/${id}`).expect(200)).body.member_count).toBe(
      2,
    );
    // Later messages reach only the members.
    await t
      .as(bob.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'after' })
      .expect(201);
    expect(await listIds(carol)).not.toContain(id);
    // Removing someone who is not a member is a no-op.
    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/${carol.user.id}`).expect(204);
    expect((await memberIds(id)).total).toBe(2);
  });

  it('lets a member leave, and keeps the owner from leaving others behind or being removed', async () => {
    const id = await group(bob, carol);
    await t.as(bob.access_token).delete(`/api/conversations/${id}/members/${bob.user.id}`).expect(204);
    await t.as(bob.access_token).get(`/api/conversations/${id}`).expect(404);
    const removeOwner = await t
      .as(carol.access_token)
      .delete(`/api/conversations/${id}/members/${owner.user.id}`)
      .expect(403);
    expect(removeOwner.body.message).toBe('only the owner or an admin of a group can change it');
    const leave = await t
      .as(owner.access_token)
      .delete(`/api/conversations/${id}/members/${owner.user.id}`)
      .expect(409);
    expect(leave.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'the owner cannot leave a group that has other members',
    });
    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/${carol.user.id}`).expect(204);
    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/${owner.user.id}`).expect(204);
    await t.as(owner.access_token).get(`/api/conversations/${id}`).expect(404);
    expect(await memberIds(id)).toEqual({ total: 0, ids: [] });
  });

  it('lets only the owner or an admin change the group (403), and renames it', async () => {
    const id = await group(bob, carol);
    const denied = {
      statusCode: 403,
      error: 'Forbidden',
      message: 'only the owner or an admin of a group can change it',
    };
    expect(
      (
        await t
          .as(bob.access_token)
          .post(`/api/conversations/${id}/members`)
          .send({ user_ids: [dave.user.id] })
          .expect(403)
      ).body,
    ).toEqual(denied);
    expect(
      (await t.as(bob.access_token).delete(`/api/conversations/${id}/members/${carol.user.id}`).expect(403))
        .body,
    ).toEqual(denied);
    expect(
      (await t.as(bob.access_token).patch(`/api/conversations/${id}`).send({ title: 'Mine' }).expect(403))
        .body,
    ).toEqual(denied);
    const renamed = await t
      .as(owner.access_token)
      .patch(`/api/conversations/${id}`)
      .send({ title: 'Renamed' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id, title: 'Renamed', member_count: 3 });
    expect((await t.as(bob.access_token).get(`/api/conversations/${id}`).expect(200)).body.title).toBe(
      'Renamed',
    );
    await t.as(dave.access_token).patch(`/api/conversations/${id}`).send({ title: 'x' }).expect(404);
    await t.as(owner.access_token).patch(`/api/conversations/${id}`).send({ title: ' ' }).expect(400);
  });

  it('refuses member changes on a direct conversation (409)', async () => {
    const direct = (
      await t
        .as(bob.access_token)
        .post('/api/messages')
        .send({ receiver_id: carol.user.id, content: 'hi' })
        .expect(201)
    ).body.conversation_id as string;
    const conflict = {
      statusCode: 409,
      error: 'Conflict',
      message: 'a direct conversation has two members, and they cannot change',
    };
    expect(
      (
        await t
          .as(bob.access_token)
          .post(`/api/conversations/${direct}/members`)
          .send({ user_ids: [dave.user.id] })
          .expect(409)
      ).body,
    ).toEqual(conflict);
    await t.as(bob.access_token).delete(`/api/conversations/${direct}/members/${carol.user.id}`).expect(409);
    await t.as(bob.access_token).patch(`/api/conversations/${direct}`).send({ title: 'x' }).expect(409);
  });

  it('names a user who does not exist (404) and refuses malformed ids (400), writing nothing', async () => {
    const id = await group(bob, carol);
    const res = await t
      .as(owner.access_token)
      .post(`/api/conversations/${id}/members`)
      .send({ user_ids: [dave.user.id, 31337] })
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'user_ids 31337 is not a user',
    });
    for (const user_ids of [[], ['1'], [0], 'x']) {
      await t.as(owner.access_token).post(`/api/conversations/${id}/members`).send({ user_ids }).expect(400);
    }
    await t.as(owner.access_token).delete(`/api/conversations/${id}/members/abc`).expect(400);
    expect((await memberIds(id)).total).toBe(3);
  });

  it('ends concurrent adds and removals of the same users in one state that every read agrees on', async () => {
    const extra = await Promise.all(range(1, 4).map((i) => t.register(`racer${i}`)));
    const id = await group(bob, carol);
    const adds = Array.from({ length: 6 }, () =>
      t
        .as(owner.access_token)
        .post(`/api/conversations/${id}/members`)
        .send({ user_ids: extra.map((s) => s.user.id) }),
    );
    const removes = [carol, bob].map((s) =>
      t.as(owner.access_token).delete(`/api/conversations/${id}/members/${s.user.id}`),
    );
    const results = await Promise.all([...adds, ...removes]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 204, 204]);
    const members = await memberIds(id);
    expect(members.ids).toEqual([owner, ...extra].map((s) => s.user.id).sort((a, b) => a - b));
    expect(members.total).toBe(members.ids.length);
    const details = await t.as(owner.access_token).get(`/api/conversations/${id}`).expect(200);
    expect(details.body.member_count).toBe(5);
    for (const member of extra) expect(await listIds(member)).toContain(id);
  });
});
