import { Message } from './message.model';
import { excerptOf, QUOTE_GRAPHEMES, quoteOf } from './quotes';

const message = (content: string, deleted = false): Message => ({
  id: '6a8f2e10-0000-11f0-8000-000000000000',
  conversationId: '00000000-0000-0000-0000-000000000001',
  senderId: 7,
  receiverId: null,
  content,
  createdAt: new Date(0),
  editedAt: null,
  deleted,
  reactions: [],
  replyTo: null,
  attachments: [],
});

describe('quotes', () => {
  it('keeps a short text whole and cuts a long one after the limit', () => {
    expect(excerptOf('hello')).toBe('hello');
    expect(excerptOf('a'.repeat(QUOTE_GRAPHEMES + 5))).toBe('a'.repeat(QUOTE_GRAPHEMES));
  });

  it('never splits an emoji or an accent', () => {
    // A family emoji is several code points, one grapheme.
    expect(excerptOf('👨‍👩‍👧‍👦👨‍👩‍👧‍👦x', 1)).toBe('👨‍👩‍👧‍👦');
    expect(excerptOf('e\u0301e\u0301', 1)).toBe('e\u0301');
  });

  it('quotes a deleted message without its content', () => {
    expect(quoteOf(message('secret', true))).toEqual({ senderId: 7, excerpt: '', deleted: true });
    expect(quoteOf(message('hi'))).toEqual({ senderId: 7, excerpt: 'hi', deleted: false });
  });
});
