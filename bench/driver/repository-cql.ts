import * as conversationStatements from '../../src/conversations/conversation-statements';
import * as inboxStatements from '../../src/conversations/inbox-statements';
import * as messageStatements from '../../src/messages/message-statements';
import * as readPositionStatements from '../../src/conversations/read-position-statements';

/**
 * The statements of one send and one history read, as the service's repositories run them: imported from
 * the modules that define them, so the driver baseline runs exactly the service's CQL, whatever it becomes.
 */
export function repositoryCql() {
  const {
    INSERT_MESSAGE,
    ADD_SEARCH_TERMS,
    INSERT_BUCKET,
    SELECT_BUCKETS,
    SELECT_MESSAGES,
    COUNT_INTO_BUCKET,
    SELECT_BUCKET_SIZE,
  } = messageStatements;
  const {
    SELECT_CONVERSATION,
    UPDATE_LAST_MESSAGE,
    UPDATE_MESSAGE_BUCKET,
    INCREMENT_MESSAGE_COUNT,
    SELECT_MESSAGE_COUNT,
  } = conversationStatements;
  const {
    UPSERT_INBOX_ENTRY,
    UPSERT_INBOX_POINTER,
    UPSERT_INBOX_POINTER_READ,
    INSERT_INBOX_BUCKET,
    DELETE_INBOX_ENTRY,
  } = inboxStatements;
  const { MOVE_READ_POSITION } = readPositionStatements;
  return {
    INSERT_MESSAGE,
    ADD_SEARCH_TERMS,
    INSERT_BUCKET,
    SELECT_BUCKETS,
    SELECT_MESSAGES,
    COUNT_INTO_BUCKET,
    SELECT_BUCKET_SIZE,
    SELECT_CONVERSATION,
    UPDATE_LAST_MESSAGE,
    UPDATE_MESSAGE_BUCKET,
    UPSERT_INBOX_ENTRY,
    UPSERT_INBOX_POINTER,
    UPSERT_INBOX_POINTER_READ,
    MOVE_READ_POSITION,
    INSERT_INBOX_BUCKET,
    DELETE_INBOX_ENTRY,
    INCREMENT_MESSAGE_COUNT,
    SELECT_MESSAGE_COUNT,
  };
}

export type RepositoryCql = ReturnType<typeof repositoryCql>;
