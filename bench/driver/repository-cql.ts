import * as conversationStatements from '../../src/conversations/conversation-statements';
import * as messageStatements from '../../src/messages/message-statements';

/**
 * The statements of one send and one history read, as the service's repositories run them: imported from
 * the modules that define them, so the driver baseline runs exactly the service's CQL, whatever it becomes.
 */
export function repositoryCql() {
  const { INSERT_MESSAGE, INSERT_BUCKET, SELECT_BUCKETS, SELECT_MESSAGES } = messageStatements;
  const {
    SELECT_CONVERSATION,
    UPDATE_LAST_MESSAGE,
    DELETE_ENTRY,
    INSERT_ENTRY,
    INCREMENT_MESSAGE_COUNT,
    SELECT_MESSAGE_COUNT,
  } = conversationStatements;
  return {
    INSERT_MESSAGE,
    INSERT_BUCKET,
    SELECT_BUCKETS,
    SELECT_MESSAGES,
    SELECT_CONVERSATION,
    UPDATE_LAST_MESSAGE,
    DELETE_ENTRY,
    INSERT_ENTRY,
    INCREMENT_MESSAGE_COUNT,
    SELECT_MESSAGE_COUNT,
  };
}

export type RepositoryCql = ReturnType<typeof repositoryCql>;
