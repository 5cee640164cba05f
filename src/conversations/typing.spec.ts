import { parseTypingRequest, TypingThrottle } from './typing';

describe('parseTypingRequest', () => {
  const id = '0b7d9a52-3c55-4c36-9c0c-6a3f7a1a2b3c';

  it('takes a conversation id, lower-cased', () => {
    expect(parseTypingRequest({ conversation_id: id.toUpperCase() })).toEqual({ conversationId: id });
  });

  it('names what is wrong with anything else', () => {
    expect(parseTypingRequest(null)).toBe('typing takes { conversation_id }');
    expect(parseTypingRequest([id])).toBe('typing takes { conversation_id }');
    expect(parseTypingRequest({ conversation_id: 'x' })).toBe('conversation_id must be a UUID');
    expect(parseTypingRequest({ conversation_id: { $gt: '' } })).toBe('conversation_id must be a UUID');
    expect(parseTypingRequest({ conversation_id: id, content: 'hi' })).toBe('typing does not take content');
  });
});

describe('TypingThrottle', () => {
  it('passes one notice per conversation and interval, and says how long until the next', () => {
    const throttle = new TypingThrottle(3_000);
    expect(throttle.admit('a', 10_000)).toBe(true);
    expect(throttle.admit('a', 11_000)).toBe(2_000);
    expect(throttle.admit('b', 11_000)).toBe(true);
    expect(throttle.admit('a', 13_000)).toBe(true);
  });

  it('forgets conversations whose interval has passed, so it stays small', () => {
    const throttle = new TypingThrottle(1_000);
    for (let i = 0; i < 64; i += 1) throttle.admit(`old${i}`, 0);
    expect(throttle.admit('new', 5_000)).toBe(true);
    expect(throttle.admit('old1', 5_000)).toBe(true);
    expect(throttle.admit('new', 5_500)).toBe(500);
  });
});
