import { repositoryCql } from './repository-cql';

describe('repositoryCql', () => {
  const cql = repositoryCql();

  it('holds the statements of a send and a history read, as the repositories define them', () => {
    expect(cql.INSERT_MESSAGE).toMatch(/^INSERT INTO messages_by_conversation/);
    expect(cql.SELECT_CONVERSATION).toMatch(/FROM conversations WHERE conversation_id = \?$/);
    expect(cql.UPDATE_LAST_MESSAGE).toMatch(
      /^UPDATE conversations USING TIMESTAMP \? SET latest_message = \?/,
    );
    expect(cql.MOVE_READ_POSITION).toMatch(/^UPDATE read_positions USING TIMESTAMP \?/);
    expect(cql.UPSERT_INBOX_POINTER_READ).toMatch(/last_read_message_id/);
    expect(cql.INCREMENT_MESSAGE_COUNT).toMatch(/message_count = message_count \+ 1/);
    expect(cql.SELECT_MESSAGES).toMatch(
      /^SELECT message_id, sender_id, receiver_id, content, edited_at, deleted, reactions, reply_to_message_id, reply_to_bucket, attachments FROM messages_by_conversation/,
    );
  });
});
