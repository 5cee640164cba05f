import { EventSockets, listen } from './event-sockets';
import { createTestApp, freshKeyspace, TestApp } from './test-app';

/**
 * One instance without REDIS_URL (events delivered in process, as `npm start` does) for a describe block:
 * started before its tests, its sockets closed after each, stopped after all. Read `app` and `url` inside tests.
 */
export function eventsApp(): { readonly app: TestApp; readonly url: string; readonly sockets: EventSockets } {
  const sockets = new EventSockets();
  let app: TestApp | undefined;
  let url = '';
  beforeAll(async () => {
    app = await createTestApp({ CASSANDRA_KEYSPACE: freshKeyspace() });
    url = await listen(app.app);
  });
  afterEach(() => sockets.closeAll());
  afterAll(() => app?.close());
  return {
    get app() {
      if (!app) throw new Error('the app is started in beforeAll');
      return app;
    },
    get url() {
      return url;
    },
    sockets,
  };
}
