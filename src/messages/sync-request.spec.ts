import { newTimeUuid } from '../common/time/time-uuid';
import { MAX_SYNC_CONVERSATIONS, parseSyncRequest } from './sync-request';

const id = '3f2c2a6e-8d1b-4c1e-9f1a-2b3c4d5e6f70';
const after = newTimeUuid(new Date('2026-12-01T00:00:00Z'));

describe('parseSyncRequest', () => {
  it('reads the positions it names', () => {
    expect(parseSyncRequest({ conversations: [{ conversation_id: id, after }] })).toEqual([
      { conversationId: id, afterId: after },
    ]);
  });

  it.each([
    [null, 'sync takes { conversations: [{ conversation_id, after }] }'],
    [[1], 'sync takes { conversations: [{ conversation_id, after }] }'],
    [{ conversations: [], x: 1 }, 'sync does not take x'],
    [{ conversations: [] }, `conversations must be an array of 1 to ${MAX_SYNC_CONVERSATIONS} positions`],
    [{ conversations: [7] }, 'conversations[0] must be { conversation_id, after }'],
    [
      { conversations: [{ conversation_id: id, after, more: 1 }] },
      'conversations[0] must be { conversation_id, after }',
    ],
    [
      { conversations: [{ conversation_id: 'no', after }] },
      'conversations[0].conversation_id must be a UUID',
    ],
    [
      { conversations: [{ conversation_id: id, after: 'no' }] },
      'conversations[0].after must be a message id',
    ],
    [
      {
        conversations: [
          { conversation_id: id, after },
          { conversation_id: id, after },
        ],
      },
      'conversations[1].conversation_id is named twice',
    ],
  ])('refuses %j', (body, problem) => {
    expect(parseSyncRequest(body)).toBe(problem);
  });
});
