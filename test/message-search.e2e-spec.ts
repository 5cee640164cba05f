import { createTestApp, range, Session, TestApp } from './support/test-app';

interface Hit {
  id: string;
  content: string | null;
}

/** Small buckets, so a search walks several of them and its cursor crosses their bounds. */
const BUCKET_MAX = 10;

describe('search of a conversation’s messages', () => {
  let t: TestApp;
  let ann: Session;
  let ben: Session;
  let out: Session;
  let id: string;

  const send = async (session: Session, content: string) =>
    (await t.as(session.access_token).post(`/api/conversations/${id}/messages`).send({ content }).expect(201))
      .body as Hit;
  const search = async (q: string, query = '', session = ann) =>
    (
      await t
        .as(session.access_token)
        .get(`/api/conversations/${id}/messages/search?q=${encodeURIComponent(q)}${query}`)
        .expect(200)
    ).body as { limit: number; data: Hit[]; next_cursor: string | null };
  const contents = (page: { data: Hit[] }) => page.data.map((hit) => hit.content);

  beforeAll(async () => {
    t = await createTestApp({ MESSAGE_BUCKET_MAX_MESSAGES: String(BUCKET_MAX) });
    [ann, ben, out] = [
      await t.register('searchann'),
      await t.register('searchben'),
      await t.register('searchout'),
    ];
    const first = await t
      .as(ann.access_token)
      .post('/api/messages')
      .send({ receiver_id: ben.user.id, content: 'Shall we have lunch?' })
      .expect(201);
    id = (first.body as { conversation_id: string }).conversation_id;
    await send(ben, 'Déjà vu: the CAFÉ on the corner');
    await send(ann, 'Straße oder Strasse, egal');
    await send(ben, 'Москва зимой прекрасна');
    await send(ann, 'lunch at noon then');
    await send(ben, '東京に行きます');
    await send(ann, 'Ærø og Łódź, naïve ΣΟΦΟΣ');
  });
  afterAll(() => t.close());

  it('finds words whatever their case and accents, in several scripts, newest first', async () => {
    expect(await search('lunch')).toEqual({
      limit: 20,
      data: [
        expect.objectContaining({ content: 'lunch at noon then' }),
        expect.objectContaining({ content: 'Shall we have lunch?' }),
      ],
      next_cursor: null,
    });
    expect(contents(await search('cafe'))).toEqual(['Déjà vu: the CAFÉ on the corner']);
    expect(contents(await search('DEJA'))).toEqual(['Déjà vu: the CAFÉ on the corner']);
    expect(contents(await search('москва'))).toEqual(['Москва зимой прекрасна']);
    expect(contents(await search('strasse'))).toEqual(['Straße oder Strasse, egal']);
    expect(contents(await search('東京'))).toEqual(['東京に行きます']);
    expect(contents(await search('aero lodz NAIVE σοφος'))).toEqual(['Ærø og Łódź, naïve ΣΟΦΟΣ']);
    expect(contents(await search('lunch noon'))).toEqual(['lunch at noon then']);
    // Whole words: a part of one is no match, and every word of the query must be there.
    expect(contents(await search('lun'))).toEqual([]);
    expect(contents(await search('lunch tomorrow'))).toEqual([]);
    expect(contents(await search('nothing-like-it'))).toEqual([]);
  });

  it('answers each hit as the history shows the message', async () => {
    const sent = await send(ann, 'a quokka on the balcony');
    const history = await t.as(ben.access_token).get(`/api/messages/conversation/${id}?limit=1`).expect(200);
    const [shown] = (history.body as { data: Hit[] }).data;
    expect(shown.id).toBe(sent.id);
    expect(await search('QUOKKA', '', ben)).toEqual({ limit: 20, data: [shown], next_cursor: null });
  });

  it('checks every word of a long query, beyond those the index is asked for', async () => {
    await send(ben, 'alpha bravo charlie delta echo foxtrot');
    await send(ben, 'alpha bravo charlie delta echo');
    expect(contents(await search('foxtrot echo delta charlie bravo alpha'))).toEqual([
      'alpha bravo charlie delta echo foxtrot',
    ]);
    expect(contents(await search('alpha bravo charlie delta golf'))).toEqual([]);
  });

  it('finds an edited message by its new words only, and a deleted one never', async () => {
    const edited = await send(ann, 'meet at the station');
    const gone = await send(ann, 'station secret plan');
    await t
      .as(ann.access_token)
      .patch(`/api/conversations/${id}/messages/${edited.id}`)
      .send({ content: 'meet at the harbour' })
      .expect(200);
    await t.as(ann.access_token).delete(`/api/conversations/${id}/messages/${gone.id}`).expect(204);
    expect(contents(await search('station'))).toEqual([]);
    expect(contents(await search('harbour'))).toEqual(['meet at the harbour']);
    // A word the edit kept is still found.
    expect(contents(await search('meet'))).toEqual(['meet at the harbour']);
  });

  it('pages by cursor across buckets, without gaps or repeats', async () => {
    const sent: string[] = [];
    for (let n = 0; n < 25; n += 1) sent.push((await send(n % 2 ? ann : ben, `pager ${n}`)).id);
    const seen: string[] = [];
    let page = await search('pager', '&limit=5');
    seen.push(...page.data.map((hit) => hit.id));
    while (page.next_cursor !== null) {
      page = await search('pager', `&limit=5&cursor=${page.next_cursor}`);
      seen.push(...page.data.map((hit) => hit.id));
    }
    expect(seen).toEqual([...sent].reverse());
  });

  it('is for members only, and refuses bad queries and cursors with a 400 that names them', async () => {
    const outsider = await t
      .as(out.access_token)
      .get(`/api/conversations/${id}/messages/search?q=lunch`)
      .expect(404);
    expect(outsider.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `conversation ${id} does not exist`,
    });
    const bad = async (query: string, message: string[] | string) => {
      const res = await t
        .as(ann.access_token)
        .get(`/api/conversations/${id}/messages/search?${query}`)
        .expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    };
    await bad('', ['q is required: the words to find']);
    await bad('q=', ['q must be 1 to 200 characters long']);
    await bad(`q=${'a'.repeat(201)}`, ['q must be 1 to 200 characters long']);
    await bad(`q=${encodeURIComponent("*:* ; -- '' 🎉")}`, ['q must hold at least one letter or digit']);
    await bad('q=lunch&page=2', ['property page should not exist']);
    const other = await search('cafe', '&limit=1');
    expect(other.next_cursor).toBeNull();
    const first = await search('lunch', '&limit=1');
    await bad(`q=noon&cursor=${first.next_cursor}`, 'cursor belongs to a different list');
    // Operators and quotes are words to the analyzer, never CQL.
    expect(contents(await search(`lunch' OR '1'='1`))).toEqual([]);
  });
});

describe('search across the caller’s conversations', () => {
  let t: TestApp;
  let ann: Session;
  let ben: Session;
  let cat: Session;

  const direct = async (from: Session, to: Session, content: string) =>
    (
      await t
        .as(from.access_token)
        .post('/api/messages')
        .send({ receiver_id: to.user.id, content })
        .expect(201)
    ).body as Hit & { conversation_id: string };
  const group = async (owner: Session, members: Session[], title: string) =>
    (
      await t
        .as(owner.access_token)
        .post('/api/conversations')
        .send({ title, member_ids: members.map((member) => member.user.id) })
        .expect(201)
    ).body.id as string;
  const post = async (from: Session, conversationId: string, content: string) =>
    (
      await t
        .as(from.access_token)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ content })
        .expect(201)
    ).body as Hit & { conversation_id: string };
  const searchAll = async (session: Session, q: string, query = '') =>
    (
      await t
        .as(session.access_token)
        .get(`/api/messages/search?q=${encodeURIComponent(q)}${query}`)
        .expect(200)
    ).body as { limit: number; data: (Hit & { conversation_id: string })[]; next_cursor: string | null };
  const allPages = async (session: Session, q: string, limit: number) => {
    const pages: (Hit & { conversation_id: string })[][] = [];
    let page = await searchAll(session, q, `&limit=${limit}`);
    pages.push(page.data);
    while (page.next_cursor !== null) {
      page = await searchAll(session, q, `&limit=${limit}&cursor=${page.next_cursor}`);
      pages.push(page.data);
    }
    return pages;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [ann, ben, cat] = [
      await t.register('everyann'),
      await t.register('everyben'),
      await t.register('everycat'),
    ];
  });
  afterAll(() => t.close());

  it('finds hits conversation by conversation, most recent activity first, in the caller’s conversations only', async () => {
    const one = await direct(ann, ben, 'kiwi one');
    const two = await direct(ben, ann, 'kiwi two');
    const three = await direct(cat, ann, 'a Kiwi, three');
    const hidden = await direct(ben, cat, 'kiwi hidden from ann');
    const team = await group(ann, [ben, cat], 'Fruit');
    const four = await post(cat, team, 'kiwis? no, kiwi four');
    expect(hidden.conversation_id).not.toBe(one.conversation_id);
    const page = await searchAll(ann, 'KIWI');
    expect(page).toEqual({
      limit: 20,
      data: [
        expect.objectContaining({ id: four.id, conversation_id: team, content: 'kiwis? no, kiwi four' }),
        expect.objectContaining({ id: three.id, conversation_id: three.conversation_id }),
        expect.objectContaining({ id: two.id, conversation_id: one.conversation_id }),
        expect.objectContaining({ id: one.id, conversation_id: one.conversation_id }),
      ],
      next_cursor: null,
    });
    // By cursor, one hit a page: the same hits, none twice.
    expect((await allPages(ann, 'kiwi', 1)).flat().map((hit) => hit.id)).toEqual(
      page.data.map((hit) => hit.id),
    );
    expect((await searchAll(cat, 'hidden')).data.map((hit) => hit.id)).toEqual([hidden.id]);
    expect((await searchAll(ann, 'hidden')).data).toEqual([]);
  });

  it('pages past many conversations without a hit, a bounded number of them per page', async () => {
    const [dan, eve, fay] = [
      await t.register('everydan'),
      await t.register('everyeve'),
      await t.register('everyfay'),
    ];
    const old = await direct(dan, eve, 'the rare word: zephyr');
    const groups = await Promise.all(range(1, 24).map((n) => group(dan, [eve, fay], `Quiet ${n}`)));
    for (const id of groups) await post(dan, id, 'nothing to find here');
    const pages = await allPages(dan, 'zephyr', 20);
    // 25 conversations, searched 20 a page at most: the hit is on the second page.
    expect(pages.map((data) => data.map((hit) => hit.id))).toEqual([[], [old.id]]);
  });

  it('is for signed-in users, and refuses bad queries and cursors with a 400 that names them', async () => {
    const key = await t.http().get('/api/messages/search?q=kiwi').expect(403);
    expect(key.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.any(String) });
    const anon = await t.anon().get('/api/messages/search?q=kiwi').expect(401);
    expect(anon.body).toEqual(expect.objectContaining({ statusCode: 401 }));
    const bad = await t.as(ann.access_token).get('/api/messages/search?q=%20%20').expect(400);
    expect(bad.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['q must hold at least one letter or digit'],
    });
    await direct(ann, ben, 'walnut one');
    await direct(ann, cat, 'walnut two');
    const mine = await searchAll(ann, 'walnut', '&limit=1');
    expect(mine.next_cursor).toEqual(expect.any(String));
    const stolen = await t
      .as(ben.access_token)
      .get(`/api/messages/search?q=walnut&cursor=${mine.next_cursor}`)
      .expect(400);
    expect(stolen.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'cursor belongs to a different list',
    });
  });
});
