import { repositoryCql } from './repository-cql';

describe('repositoryCql', () => {
  const cql = repositoryCql();

  it('holds the statements of a send and a history read, as the repositories define them', () => {
    expect(cql.INSERT_MESSAGE).toMatch(/^INSERT INTO messages_by_conversation/);
    expect(cql.SELECT_CONVERSATION).toMatch(/FROM conversations WHERE conversation_id = \?$/);
    expect(cql.UPDATE_LAST_MESSAGE).toMatch(/^UPDATE conversations USING TIMESTAMP \?/);
    expect(cql.INCREMENT_MESSAGE_COUNT).toMatch(/message_count = message_count \+ 1/);
    expect(cql.SELECT_MESSAGES).toMatch(
      /^SELECT message_id, sender_id, receiver_id, content FROM messages_by_conversation/,
    );
  });
});
