import { Socket } from 'node:net';
import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('what one client may cost on the events socket', () => {
  const events = eventsApp();
  const { sockets } = events;

  it('lets a user hold 10 sockets at once, refuses an 11th, and takes a new one once one closes', async () => {
    const { access_token: token } = await events.app.register('manytabs');
    const open = [];
    for (let i = 0; i < 10; i += 1) open.push(await sockets.connect(events.url, token));
    expect(await sockets.refusal(events.url, { token })).toEqual({
      message: 'a user may hold 10 sockets at once: close one first',
      data: { code: 'too_many_sockets' },
    });
    open[0].socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await sockets.connect(events.url, token);
    expect(again.socket.connected).toBe(true);
  });

  it('answers events past 10 a second (bursts of 20) with rate_limited, and drops them', async () => {
    const { access_token: token } = await events.app.register('chatty');
    const { socket } = await sockets.connect(events.url, token);
    const answers = (await Promise.all(
      Array.from({ length: 30 }, () => socket.emitWithAck('typing', { conversation_id: 'x' })),
    )) as { error: { code: string } }[];
    const limited = {
      v: 1,
      error: {
        code: 'rate_limited',
        message: 'a socket may send 10 events per second (bursts of 20); this one was dropped',
      },
    };
    const handled = { v: 1, error: { code: 'bad_request', message: 'conversation_id must be a UUID' } };
    const passed = answers.filter((answer) => answer.error.code === 'bad_request');
    // The burst passes, and perhaps one refilled in the few milliseconds the 30 took.
    expect(passed.length).toBeGreaterThanOrEqual(20);
    expect(passed.length).toBeLessThanOrEqual(22);
    expect(answers).toEqual([
      ...passed.map(() => handled),
      ...answers.slice(passed.length).map(() => limited),
    ]);
  });

  it('answers an event it does not know through its acknowledgement, or else with client.error', async () => {
    const { access_token: token } = await events.app.register('unknownevent');
    const connected = await sockets.connect(events.url, token);
    const message = 'there is no event "subscribe": clients send sync, typing';
    expect(await connected.socket.emitWithAck('subscribe', { conversation_id: 'x' })).toEqual({
      v: 1,
      error: { code: 'unknown_event', message },
    });
    connected.socket.emit('subscribe', { conversation_id: 'x' });
    await until(() => connected.events.length > 0);
    expect(connected.events).toEqual([['client.error', { v: 1, error: { code: 'unknown_event', message } }]]);
  });

  it('closes a socket that sends a packet over 64 KiB', async () => {
    const { access_token: token } = await events.app.register('bigpacket');
    const { socket } = await sockets.connect(events.url, token);
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('sync', { conversations: [{ conversation_id: 'x'.repeat(70 * 1024), after: 'y' }] });
    expect(await reason).toBe('transport close');
  });

  it('disconnects a client that stops reading once 1,000 packets wait for it', async () => {
    const sender = await events.app.register('flooder');
    const reader = await events.app.register('stalled');
    const send = (content: string) =>
      events.app
        .as(sender.access_token)
        .post('/api/messages')
        .send({ receiver_id: reader.user.id, content })
        .expect(201);
    const first = (await send('first')).body as { id: string; conversation_id: string };
    // 100 messages of 16 KB: each sync below is answered with 1.6 MB, enough to fill the loopback buffers.
    for (let i = 0; i < 100; i += 1) await send('😀'.repeat(4000));
    const { socket } = await sockets.connect(events.url, reader.access_token);
    const transport = socket.io.engine.transport as unknown as { ws: { _socket: Socket } };
    transport.ws._socket.pause();
    let answered = 0;
    const position = { conversations: [{ conversation_id: first.conversation_id, after: first.id }] };
    for (let i = 0; i < 20; i += 1) socket.emit('sync', position, () => (answered += 1));
    await sleep(1_000);
    for (let i = 0; i < 1_200; i += 1) socket.emit('typing', { conversation_id: 'x' }, () => (answered += 1));
    await sleep(1_000);
    const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    transport.ws._socket.resume();
    expect(['io server disconnect', 'transport close']).toContain(await reason);
    expect(answered).toBeLessThan(1_220);
  }, 30_000);
});
