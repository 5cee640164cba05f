import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client, types } from 'cassandra-driver';
import { createTestApp, rawClient, Session, TestApp } from './support/test-app';

/** Small limits, so the tests reach them quickly: 300,000 bytes, unsent files kept 2 s. */
const MAX_BYTES = 300_000;
const UPLOADS_PER_MINUTE = 5;

interface RawAnswer {
  status: number;
  body: unknown;
  /** Bytes the client had written when the answer came. */
  written: number;
}

describe('attachment limits, expiry and interrupted uploads', () => {
  let t: TestApp;
  let db: Client;
  let port: number;

  /** An upload over a raw connection, written piece by piece until the answer comes or `pieces` run out. */
  const rawUpload = (
    session: Session,
    headers: Record<string, string>,
    pieces: Buffer[],
    options: { cutAfter?: number; pauseMs?: number } = {},
  ) =>
    new Promise<RawAnswer | 'cut'>((resolve, reject) => {
      let written = 0;
      let answered = false;
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/attachments?name=raw.bin',
        headers: {
          Authorization: `Bearer ${session.access_token}`,
          'Content-Type': 'application/octet-stream',
          ...headers,
        },
      });
      req.on('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString()),
            written,
          }),
        );
      });
      // The server may close the connection while pieces are still being written: that is the point.
      req.on('error', (error) => (answered || options.cutAfter !== undefined ? undefined : reject(error)));
      const writeNext = (index: number) => {
        if (answered) return;
        if (options.cutAfter !== undefined && index === options.cutAfter) {
          req.destroy();
          resolve('cut');
          return;
        }
        if (index === pieces.length) {
          req.end();
          return;
        }
        written += pieces[index].length;
        req.write(pieces[index], () => setTimeout(() => writeNext(index + 1), options.pauseMs ?? 5));
      };
      writeNext(0);
    });

  const upload = async (session: Session, bytes: Buffer) =>
    (
      await t
        .as(session.access_token)
        .post('/api/attachments')
        .set('Content-Type', 'application/octet-stream')
        .send(bytes)
        .expect(201)
    ).body as { id: string };
  const chunkRows = async (attachmentId: string) =>
    (
      await db.execute(
        'SELECT chunk FROM attachment_chunks WHERE attachment_id = ? AND part = 0',
        [types.Uuid.fromString(attachmentId)],
        { prepare: true },
      )
    ).rowLength;
  /** Every upload the sweep lists (a test keyspace is small: read whole). */
  const listedUploads = async () =>
    (await db.execute('SELECT attachment_id FROM attachment_uploads')).rows.map((row) =>
      (row.get('attachment_id') as types.Uuid).toString(),
    );
  const storedAttachments = async () =>
    (await db.execute('SELECT attachment_id FROM attachments')).rows.map((row) =>
      (row.get('attachment_id') as types.Uuid).toString(),
    );
  const eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    t = await createTestApp({
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
      ATTACHMENT_UNSENT_TTL_SECONDS: '2',
      ATTACHMENT_UPLOAD_TIMEOUT_MS: '1000',
      ATTACHMENT_SWEEP_INTERVAL_MS: '1000',
      UPLOAD_RATE_LIMIT_PER_USER: String(UPLOADS_PER_MINUTE),
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    db = await rawClient(t.keyspace);
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const tooLarge = {
    statusCode: 413,
    error: 'Payload Too Large',
    message: `an attachment may hold at most ${MAX_BYTES} bytes`,
  };

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const ann = await t.register('limitann');
    const pieces = Array.from({ length: 100 }, () => randomBytes(10_000));
    const answer = await rawUpload(ann, { 'Content-Length': String(1_000_000) }, pieces);
    expect(answer).toEqual({ status: 413, body: tooLarge, written: expect.any(Number) });
    // Answered long before the client would have written the million bytes it announced.
    expect((answer as RawAnswer).written).toBeLessThan(200_000);
  });

  it('refuses a body without a length as soon as it passes the limit, storing nothing', async () => {
    const ben = await t.register('limitben');
    const before = await storedAttachments();
    const pieces = Array.from({ length: 100 }, () => randomBytes(10_000));
    const answer = await rawUpload(ben, { 'Transfer-Encoding': 'chunked' }, pieces);
    expect(answer).toEqual({ status: 413, body: tooLarge, written: expect.any(Number) });
    expect((answer as RawAnswer).written).toBeLessThan(600_000);
    expect(await storedAttachments()).toEqual(before);
  });

  it('stores nothing visible for an upload cut off midway, and sweeps its chunks', async () => {
    const cat = await t.register('limitcat');
    const [listedBefore, storedBefore] = [await listedUploads(), await storedAttachments()];
    const pieces = Array.from({ length: 30 }, () => randomBytes(10_000));
    expect(await rawUpload(cat, { 'Content-Length': String(300_000) }, pieces, { cutAfter: 29 })).toBe('cut');
    // The upload was listed for the sweep, and wrote chunks, but no attachment.
    await eventually(
      async () => (await listedUploads()).length > listedBefore.length,
      'the upload is listed',
    );
    const [cut] = (await listedUploads()).filter((id) => !listedBefore.includes(id));
    await eventually(async () => (await chunkRows(cut)) > 0, 'its first chunk is written');
    expect(await storedAttachments()).toEqual(storedBefore);
    await eventually(async () => (await chunkRows(cut)) === 0, 'its chunks are swept');
  });

  it('cuts an upload that streams for longer than its timeout, storing nothing', async () => {
    const gus = await t.register('limitgus');
    const storedBefore = await storedAttachments();
    // 20 pieces, one every 100 ms: 2 s, past the 1 s timeout.
    const pieces = Array.from({ length: 20 }, () => randomBytes(1_000));
    const slow = rawUpload(gus, { 'Content-Length': String(20_000) }, pieces, { pauseMs: 100 });
    await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await storedAttachments()).toEqual(storedBefore);
  });

  it('expires an unsent file and sweeps its chunks, and keeps one that was sent', async () => {
    const dan = await t.register('limitdan');
    const eve = await t.register('limiteve');
    const first = await t
      .as(dan.access_token)
      .post('/api/messages')
      .send({ receiver_id: eve.user.id, content: 'hi' })
      .expect(201);
    const conversationId = (first.body as { conversation_id: string }).conversation_id;
    const unsent = await upload(dan, randomBytes(1000));
    const sentBytes = randomBytes(1000);
    const sent = await upload(dan, sentBytes);
    await t
      .as(dan.access_token)
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ content: 'kept', attachment_ids: [sent.id] })
      .expect(201);
    await t.as(dan.access_token).get(`/api/attachments/${unsent.id}`).expect(200);
    await eventually(
      async () => (await t.as(dan.access_token).get(`/api/attachments/${unsent.id}`)).status === 404,
      'the unsent file expires',
    );
    const refused = await t
      .as(dan.access_token)
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ content: 'too late', attachment_ids: [unsent.id] })
      .expect(404);
    expect(refused.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `attachment_ids: attachment ${unsent.id} is not an upload of user ${dan.user.id}`,
    });
    await eventually(async () => (await chunkRows(unsent.id)) === 0, 'the unsent file’s chunks are swept');
    const kept = await t.as(eve.access_token).get(`/api/attachments/${sent.id}`).buffer(true).expect(200);
    expect(Buffer.from(kept.body as Buffer).equals(sentBytes)).toBe(true);
    expect(await chunkRows(sent.id)).toBe(1);
  });

  it(`limits a user to ${UPLOADS_PER_MINUTE} uploads a minute, with Retry-After`, async () => {
    const fay = await t.register('limitfay');
    for (let n = 0; n < UPLOADS_PER_MINUTE; n += 1) await upload(fay, randomBytes(1));
    const limited = await t
      .as(fay.access_token)
      .post('/api/attachments')
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
    });
  });
});
