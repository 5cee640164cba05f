import { ISO_TIMESTAMP_PATTERN } from '../src/common/time/iso-timestamp';
import { createTestApp, TestApp } from './support/test-app';

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves Swagger UI at /docs and the document at /docs-json without credentials', async () => {
    const res = await t.anon().get('/docs').expect(200);
    expect(res.text).toContain('swagger');
    await t.anon().get('/docs-json').expect(200);
  });

  it('documents the bearer scheme and the API key, on every protected operation and no public one', async () => {
    const { body } = await t.anon().get('/docs-json').expect(200);
    expect(body.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    const publicOperations = ['register', 'login', 'refresh', 'health', 'live', 'ready'];
    for (const [path, methods] of Object.entries(
      body.paths as Record<
        string,
        Record<string, { operationId: string; security?: object[]; responses: object }>
      >,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        const schemes = (operation.security ?? []).flatMap((s: object) => Object.keys(s));
        if (publicOperations.includes(operation.operationId)) {
          expect({ path, method, schemes }).toEqual({ path, method, schemes: [] });
        } else {
          expect({ path, method, has401: '401' in operation.responses, some: schemes.length > 0 }).toEqual({
            path,
            method,
            has401: true,
            some: true,
          });
        }
      }
    }
  });

  it('describes every endpoint with its responses, bounds and stable operation ids', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    const operations = {
      '/api/messages': ['post', 'sendMessage', ['201', '400', '401', '403', '404', '413', '429', '503']],
      '/api/auth/register': ['post', 'register', ['201', '400', '409', '429']],
      '/api/auth/login': ['post', 'login', ['200', '400', '401', '429']],
      '/api/auth/refresh': ['post', 'refresh', ['200', '400', '401', '429']],
      '/api/auth/logout': ['post', 'logout', ['204', '401']],
      '/api/users/me': ['get', 'getMe', ['200', '401']],
      '/api/users': ['get', 'searchUsers', ['200', '400', '401']],
      '/api/users/{user_id}': ['get', 'getUser', ['200', '400', '401', '404']],
      '/api/users/{user_id}/tokens': ['post', 'issueUserToken', ['201', '400', '401', '403', '404']],
      '/api/conversations': ['get', 'listMyConversations', ['200', '400', '401', '403']],
      '/api/conversations/{conversation_id}/messages': [
        'post',
        'sendToConversation',
        ['201', '400', '401', '403', '404', '429', '503'],
      ],
      '/api/conversations/{conversation_id}/members': ['get', 'listMembers', ['200', '400', '401', '404']],
      '/api/conversations/{conversation_id}/read': [
        'post',
        'markRead',
        ['204', '400', '401', '403', '404', '503'],
      ],
      '/api/conversations/{conversation_id}/read-state': [
        'get',
        'listReadState',
        ['200', '400', '401', '404', '503'],
      ],
      '/api/conversations/{conversation_id}/members/{user_id}': [
        'delete',
        'removeMember',
        ['204', '400', '401', '403', '404', '409'],
      ],
      '/api/messages/conversation/{conversation_id}': ['get', 'listMessages', ['200', '400', '404', '503']],
      '/api/messages/conversation/{conversation_id}/before': [
        'get',
        'listMessagesBefore',
        ['200', '400', '404', '503'],
      ],
      '/api/conversations/user/{user_id}': ['get', 'listUserConversations', ['200', '400', '403', '503']],
      '/api/conversations/{conversation_id}': ['get', 'getConversation', ['200', '400', '404', '503']],
      '/api/conversations/unread': ['get', 'countUnreadConversations', ['200', '401', '403', '503']],
      '/api/conversations/{conversation_id}/messages/{message_id}': [
        'patch',
        'editMessage',
        ['200', '400', '401', '403', '404', '409', '503'],
      ],
    } as const;
    for (const [path, [method, operationId, statuses]] of Object.entries(operations)) {
      const operation = body.paths[path]?.[method];
      expect(operation?.operationId).toBe(operationId);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([...statuses]));
    }
    const reactions =
      body.paths['/api/conversations/{conversation_id}/messages/{message_id}/reactions/{emoji}'];
    expect([reactions.put.operationId, reactions.delete.operationId, reactions.get.operationId]).toEqual([
      'addReaction',
      'removeReaction',
      'listReactors',
    ]);
    expect(Object.keys(reactions.put.responses)).toEqual(
      expect.arrayContaining(['204', '400', '401', '403', '404', '409', '503']),
    );
    expect(body.components.schemas.MessageDto.properties.reactions).toEqual(
      expect.objectContaining({ type: 'array', items: { $ref: '#/components/schemas/ReactionSummaryDto' } }),
    );
    const deletion = body.paths['/api/conversations/{conversation_id}/messages/{message_id}'].delete;
    expect(deletion.operationId).toBe('deleteMessage');
    expect(Object.keys(deletion.responses)).toEqual(
      expect.arrayContaining(['204', '400', '401', '403', '404', '503']),
    );
    const send = body.components.schemas.SendMessageDto;
    expect([...send.required].sort()).toEqual(['content', 'receiver_id']);
    expect(body.paths['/api/users/{user_id}'].put.operationId).toBe('putUser');
    expect(body.paths['/api/conversations'].post.operationId).toBe('createGroup');
    expect(body.paths['/api/conversations/{conversation_id}/members'].post.operationId).toBe('addMembers');
    expect(body.paths['/api/conversations/{conversation_id}'].patch.operationId).toBe('renameGroup');
    expect(Object.keys(body.paths['/api/conversations'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404']),
    );
    const conversation = body.components.schemas.ConversationDto;
    expect(conversation.properties.kind).toMatchObject({ enum: ['direct', 'group'] });
    expect(conversation.properties.role).toMatchObject({
      enum: ['owner', 'admin', 'member'],
      nullable: true,
    });
    expect(conversation.required).toEqual(expect.arrayContaining(['kind', 'title', 'member_count', 'role']));
    expect(body.components.schemas.MessageDto.properties.receiver_id).toMatchObject({ nullable: true });
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

  it('states what validation accepts: integer ids and bounds, patterns, lengths, closed bodies', async () => {
    const { body } = await t.anon().get('/docs-json').expect(200);
    type Parameter = { name: string; in: string; schema: object };
    const parameter = (path: string, method: string, name: string) =>
      (body.paths[path][method].parameters as Parameter[]).find((p) => p.name === name)?.schema;
    const WHITE_SPACE =
      '[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
    const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };

    expect(parameter('/api/users/{user_id}', 'get', 'user_id')).toEqual(id);
    expect(parameter('/api/conversations/{conversation_id}/members/{user_id}', 'delete', 'user_id')).toEqual(
      id,
    );
    expect(parameter('/api/users', 'get', 'page')).toEqual({ type: 'integer', minimum: 1, default: 1 });
    expect(parameter('/api/users', 'get', 'limit')).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 100,
      default: 20,
    });
    expect(parameter('/api/users', 'get', 'cursor')).toEqual({
      type: 'string',
      pattern: '^[A-Za-z0-9_-]*$',
      maxLength: 512,
    });
    expect(parameter('/api/users', 'get', 'username_prefix')).toEqual({
      type: 'string',
      pattern: '^[A-Za-z0-9_.]{3,32}$',
      example: 'ali',
    });
    expect(
      parameter('/api/messages/conversation/{conversation_id}/before', 'get', 'before_timestamp'),
    ).toEqual({
      type: 'string',
      pattern: ISO_TIMESTAMP_PATTERN,
      example: '2024-03-01T12:00:00Z',
    });

    const schemas = body.components.schemas as Record<string, { properties: Record<string, object> }>;
    const bodies = Object.values(body.paths as Record<string, Record<string, { requestBody?: object }>>)
      .flatMap((operations) => Object.values(operations))
      .flatMap((operation) => {
        const json = (
          operation.requestBody as { content?: Record<string, { schema: { $ref: string } }> } | undefined
        )?.content?.['application/json'];
        return json ? [json.schema.$ref.split('/').pop() as string] : [];
      });
    // The one body that is not JSON: an upload is the file itself.
    expect(body.paths['/api/attachments'].post.requestBody).toEqual({
      required: true,
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    });
    expect([...new Set(bodies)].sort()).toEqual([
      'AddMembersDto',
      'ConversationMessageDto',
      'CreateGroupDto',
      'EditMessageDto',
      'LoginDto',
      'MarkReadDto',
      'PutUserDto',
      'RefreshTokenDto',
      'RegisterDto',
      'RenameGroupDto',
      'SendMessageDto',
    ]);
    for (const name of bodies) {
      expect({
        name,
        additionalProperties: (schemas[name] as { additionalProperties?: boolean }).additionalProperties,
      }).toEqual({
        name,
        additionalProperties: false,
      });
    }

    // Lists and details carry the reader's unread count, capped at 100.
    expect(schemas.ConversationPageDto.properties.data).toEqual(
      expect.objectContaining({ items: { $ref: '#/components/schemas/ListedConversationDto' } }),
    );
    expect(schemas.ListedConversationDto.properties.unread_count).toEqual(
      expect.objectContaining({ type: 'integer', minimum: 0, maximum: 100, nullable: true }),
    );
    expect(schemas.ConversationDetailsDto.properties.last_read_message_id).toEqual(
      expect.objectContaining({ type: 'string', nullable: true }),
    );

    expect(schemas.RenameGroupDto.properties.title).toEqual({
      type: 'string',
      description: 'The group’s title: 1 to 100 characters, not only white space.',
      minLength: 1,
      maxLength: 100,
      pattern: WHITE_SPACE,
      example: 'Weekend trip 2',
    });
    expect(schemas.AddMembersDto.properties.user_ids).toMatchObject({
      type: 'array',
      items: id,
      minItems: 1,
      maxItems: 1000,
    });
    expect(schemas.RegisterDto.properties.display_name).toMatchObject({
      type: 'string',
      nullable: true,
      minLength: 1,
      maxLength: 64,
      pattern: WHITE_SPACE,
    });
    expect(schemas.RegisterDto.properties.password).toMatchObject({ minLength: 8, maxLength: 256 });
    expect(schemas.LoginDto.properties.password).toMatchObject({ minLength: 1, maxLength: 256 });
    expect(schemas.RefreshTokenDto.properties.refresh_token).toMatchObject({ minLength: 1, maxLength: 512 });
    expect(schemas.SendMessageDto.properties.sender_id).toMatchObject(id);
    expect(schemas.SendMessageDto.properties.receiver_id).toMatchObject(id);
    expect(schemas.SendMessageDto.properties.content).toMatchObject({ pattern: WHITE_SPACE });
    expect(schemas.MessageDto.properties.sender_id).toMatchObject({ type: 'integer' });
    expect(schemas.ErrorResponseDto.properties.statusCode).toMatchObject({ type: 'integer' });
  });
});
