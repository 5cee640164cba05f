import * as conversationStatements from '../../src/conversations/conversation-statements';
import * as inboxStatements from '../../src/conversations/inbox-statements';
import * as messageStatements from '../../src/messages/message-statements';
import * as readPositionStatements from '../../src/conversations/read-position-statements';

/**
 * The statements of one send, one history read and one list page, as the service's repositories run them: imported from
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
    SELECT_SENDERS,
    SELECT_SENDERS_AFTER,
  } = messageStatements;
  const {
    SELECT_CONVERSATION,
    UPDATE_LAST_MESSAGE,
    UPDATE_MESSAGE_BUCKET,
    INCREMENT_MESSAGE_COUNT,
    SELECT_MESSAGE_COUNT,
    SELECT_CONVERSATION_COUNT,
  } = conversationStatements;
  const {
    UPSERT_INBOX_ENTRY,
    UPSERT_INBOX_POINTER,
    UPSERT_INBOX_POINTER_READ,
    INSERT_INBOX_BUCKET,
    DELETE_INBOX_ENTRY,
    SELECT_INBOX_BUCKETS,
    SELECT_INBOX_BUCKET,
    SELECT_INBOX_POINTERS,
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
    SELECT_CONVERSATION_COUNT,
    SELECT_INBOX_BUCKETS,
    SELECT_INBOX_BUCKET,
    SELECT_INBOX_POINTERS,
    SELECT_SENDERS,
    SELECT_SENDERS_AFTER,
  };
}

export type RepositoryCql = ReturnType<typeof repositoryCql>;
