import { createTestApp, TestApp } from './support/test-app';

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http().get('/docs').expect(200);
    expect(res.text).toContain('swagger');
  });

  it('describes every endpoint with its responses, bounds and stable operation ids', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    const operations = {
      '/api/messages': ['post', 'sendMessage', ['201', '400', '413', '503']],
      '/api/messages/conversation/{conversation_id}': ['get', 'listMessages', ['200', '400', '404', '503']],
      '/api/messages/conversation/{conversation_id}/before': [
        'get',
        'listMessagesBefore',
        ['200', '400', '404', '503'],
      ],
      '/api/conversations/user/{user_id}': ['get', 'listUserConversations', ['200', '400', '503']],
      '/api/conversations/{conversation_id}': ['get', 'getConversation', ['200', '400', '404', '503']],
    } as const;
    for (const [path, [method, operationId, statuses]] of Object.entries(operations)) {
      const operation = body.paths[path]?.[method];
      expect(operation?.operationId).toBe(operationId);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([...statuses]));
    }
    const send = body.components.schemas.SendMessageDto;
    expect(send.required).toEqual(expect.arrayContaining(['sender_id', 'receiver_id', 'content']));
    expect(send.properties.content).toMatchObject({ minLength: 1, maxLength: 4000 });
    expect(send.properties.sender_id).toMatchObject({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
    const limit = body.paths['/api/messages/conversation/{conversation_id}'].get.parameters.find(
      (p: { name: string }) => p.name === 'limit',
    );
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
    const before = body.paths['/api/messages/conversation/{conversation_id}/before'].get.parameters.find(
      (p: { name: string }) => p.name === 'before_timestamp',
    );
    expect(before.required).toBe(true);
    expect(before.description).toContain('UTC');
  });
});
