import { createHash, randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import { createTestApp, Session, TestApp } from './support/test-app';

const CHUNK = 256 * 1024;
const MAX_BYTES = 25 * 1024 * 1024;
/** A 2 × 3 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR4nGNgYGD4z8DAwMDAAAAHAAFVWyGfAAAAAElFTkSuQmCC',
  'base64',
);

interface Uploaded {
  id: string;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
  width: number | null;
  height: number | null;
  created_at: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Collects a response body as bytes, whatever its type (a superagent parser: it is given the raw response). */
function binary(res: unknown, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('attachments', () => {
  let t: TestApp;
  let ann: Session;
  let ben: Session;
  let out: Session;
  let conversationId: string;

  const upload = async (
    session: Session,
    bytes: Buffer,
    type = 'application/octet-stream',
    name = 'file.bin',
  ) =>
    (
      await t
        .as(session.access_token)
        .post(`/api/attachments?name=${encodeURIComponent(name)}`)
        .set('Content-Type', type)
        .send(bytes)
        .expect(201)
    ).body as Uploaded;
  const download = (session: Session, id: string) =>
    t.as(session.access_token).get(`/api/attachments/${id}`).buffer(true).parse(binary);
  const sendWith = (session: Session, attachmentIds: string[], content = 'see attached') =>
    t.as(session.access_token).post(`/api/conversations/${conversationId}/messages`).send({
      content,
      attachment_ids: attachmentIds,
    });

  beforeAll(async () => {
    t = await createTestApp();
    [ann, ben, out] = [await t.register('fileann'), await t.register('fileben'), await t.register('fileout')];
    const first = await t
      .as(ann.access_token)
      .post('/api/messages')
      .send({ receiver_id: ben.user.id, content: 'files follow' })
      .expect(201);
    conversationId = (first.body as { conversation_id: string }).conversation_id;
  });
  afterAll(() => t.close());

  it.each([
    ['0 B', 0],
    ['1 B', 1],
    ['one chunk', CHUNK],
    ['one chunk and 1 B', CHUNK + 1],
    ['25 MiB, the limit', MAX_BYTES],
  ])('round-trips %s byte-exact', async (_label, size) => {
    const bytes = randomBytes(size);
    const uploaded = await upload(ann, bytes, 'application/octet-stream', `blob-${size}.bin`);
    expect(uploaded).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: `blob-${size}.bin`,
      size,
      content_type: 'application/octet-stream',
      sha256: sha256(bytes),
      width: null,
      height: null,
      created_at: expect.any(String),
    });
    const res = await download(ann, uploaded.id).expect(200);
    expect(res.headers['content-length']).toBe(String(size));
    expect(sha256(res.body as Buffer)).toBe(sha256(bytes));
  });

  it('serves byte ranges, within and across chunks, and answers 416 past the end', async () => {
    const bytes = randomBytes(CHUNK * 2 + 10);
    const { id, size } = await upload(ann, bytes);
    const range = async (header: string, start: number, end: number) => {
      const res = await download(ann, id).set('Range', header).expect(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect((res.body as Buffer).equals(bytes.subarray(start, end + 1))).toBe(true);
    };
    await range('bytes=0-0', 0, 0);
    await range(`bytes=${CHUNK - 2}-${CHUNK + 2}`, CHUNK - 2, CHUNK + 2);
    await range(`bytes=${CHUNK}-`, CHUNK, size - 1);
    await range('bytes=-5', size - 5, size - 1);
    await range(`bytes=1-${size * 2}`, 1, size - 1);
    const past = await t
      .as(ann.access_token)
      .get(`/api/attachments/${id}`)
      .set('Range', `bytes=${size}-`)
      .expect(416);
    expect(past.headers['content-range']).toBe(`bytes */${size}`);
    expect(past.body).toEqual({
      statusCode: 416,
      error: 'Range Not Satisfiable',
      message: `the range starts past the end of the file (${size} bytes)`,
    });
    // Several ranges are answered with the whole file.
    const whole = await download(ann, id).set('Range', 'bytes=0-1,5-6').expect(200);
    expect((whole.body as Buffer).equals(bytes)).toBe(true);
  });

  it('answers with an ETag, and 304 to a request that has it', async () => {
    const bytes = randomBytes(100);
    const { id } = await upload(ann, bytes);
    const res = await download(ann, id).expect(200);
    expect(res.headers.etag).toBe(`"${sha256(bytes)}"`);
    const again = await t
      .as(ann.access_token)
      .get(`/api/attachments/${id}`)
      .set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('records an image’s size and serves it inline; active types only as downloads', async () => {
    const image = await upload(ann, PNG, 'image/png', 'dot.png');
    expect(image).toEqual(expect.objectContaining({ content_type: 'image/png', width: 2, height: 3 }));
    const shown = await download(ann, image.id).expect(200);
    expect(shown.headers).toEqual(
      expect.objectContaining({
        'content-type': 'image/png',
        'content-disposition': `inline; filename="dot.png"; filename*=UTF-8''dot.png`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-cache',
      }),
    );
    const script = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    for (const [type, name] of [
      ['text/html', 'page.html'],
      ['image/svg+xml', 'logo.svg'],
      ['image/png', 'not-really.png'],
    ] as const) {
      const uploaded = await upload(ann, script, type, name);
      const res = await download(ann, uploaded.id).expect(200);
      if (type === 'image/png') {
        // Served as the image it claims to be, never sniffed: a browser shows a broken image, runs nothing.
        expect(res.headers['content-type']).toBe('image/png');
        expect(uploaded.width).toBeNull();
      } else {
        expect(res.headers['content-type']).toBe('application/octet-stream');
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="${name}"; filename*=UTF-8''${name}`,
        );
      }
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('is readable by its uploader before it is sent, and by the conversation’s members after, by no one else', async () => {
    const bytes = randomBytes(1000);
    const { id } = await upload(ann, bytes, 'text/plain', 'notes.txt');
    const notFound = { statusCode: 404, error: 'Not Found', message: `attachment ${id} does not exist` };
    await download(ann, id).expect(200);
    expect((await t.as(ben.access_token).get(`/api/attachments/${id}`).expect(404)).body).toEqual(notFound);
    const sent = await sendWith(ann, [id]).expect(201);
    expect(sent.body.attachments).toEqual([
      { id, name: 'notes.txt', size: 1000, content_type: 'text/plain', width: null, height: null },
    ]);
    expect(sha256((await download(ben, id).expect(200)).body as Buffer)).toBe(sha256(bytes));
    expect((await t.as(out.access_token).get(`/api/attachments/${id}`).expect(404)).body).toEqual(notFound);
    // History and the event's reader see the same attachments.
    const history = await t
      .as(ben.access_token)
      .get(`/api/messages/conversation/${conversationId}?limit=1`)
      .expect(200);
    expect(history.body.data[0]).toEqual(sent.body);
  });

  it('refuses a send with a file that is not the sender’s, writing nothing', async () => {
    const bens = await upload(ben, randomBytes(10));
    const before = await t.as(ann.access_token).get(`/api/conversations/${conversationId}`).expect(200);
    const refused = await sendWith(ann, [bens.id]).expect(404);
    expect(refused.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `attachment_ids: attachment ${bens.id} is not an upload of user ${ann.user.id}`,
    });
    const after = await t.as(ann.access_token).get(`/api/conversations/${conversationId}`).expect(200);
    expect(after.body.last_message_id).toBe(before.body.last_message_id);
    // Still only its uploader's.
    await t.as(ann.access_token).get(`/api/attachments/${bens.id}`).expect(404);
  });

  it('keeps the order of several files, and shows none once the message is deleted', async () => {
    const files = await Promise.all(
      [1, 2, 3].map((n) => upload(ann, randomBytes(n), 'application/octet-stream', `${n}.bin`)),
    );
    const sent = await sendWith(
      ann,
      files.map((file) => file.id),
    ).expect(201);
    expect((sent.body.attachments as { name: string }[]).map((file) => file.name)).toEqual([
      '1.bin',
      '2.bin',
      '3.bin',
    ]);
    await t
      .as(ann.access_token)
      .delete(`/api/conversations/${conversationId}/messages/${sent.body.id}`)
      .expect(204);
    const history = await t
      .as(ann.access_token)
      .get(`/api/messages/conversation/${conversationId}?limit=1`)
      .expect(200);
    expect(history.body.data[0]).toEqual(
      expect.objectContaining({ id: sent.body.id, deleted: true, attachments: [] }),
    );
  });

  it('refuses bad uploads and bad attachment_ids with a 400 that names them', async () => {
    const bad = async (req: Test, message: unknown) =>
      expect((await req.expect(400)).body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    await bad(
      t.as(ann.access_token).post('/api/attachments?name=a%2Fb').set('Content-Type', 'text/plain').send('x'),
      ['name must not hold control characters, / or \\'],
    );
    await bad(
      t.as(ann.access_token).post('/api/attachments').set('Content-Type', 'nonsense').send('x'),
      'Content-Type must be a media type, such as image/png',
    );
    await bad(sendWith(ann, ['not-a-uuid']), ['attachment_ids must hold attachment ids (UUIDs)']);
    const { id } = await upload(ann, randomBytes(1));
    await bad(sendWith(ann, [id, id]), ['attachment_ids must not name a file twice']);
    await bad(
      sendWith(
        ann,
        Array.from({ length: 11 }, () => id),
      ),
      ['attachment_ids may hold at most 10 ids'],
    );
    const key = await t
      .http()
      .post('/api/attachments')
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(403);
    expect(key.body).toEqual(expect.objectContaining({ statusCode: 403 }));
    const anon = await t.anon().get(`/api/attachments/${id}`).expect(401);
    expect(anon.body).toEqual(expect.objectContaining({ statusCode: 401 }));
  });
});
