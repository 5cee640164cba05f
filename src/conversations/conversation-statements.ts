/**
 * The CQL of the conversation tables, exported so the bench's driver baseline runs the very same statements.
 */
export const SELECT_CONVERSATION = `SELECT conversation_id, kind, user1_id, user2_id, title, member_count,
  created_at, latest_message, last_message, last_message_id, last_message_sender_id, last_message_content, message_bucket,
  WRITETIME(title) AS title_version, WRITETIME(member_count) AS member_count_version
  FROM conversations WHERE conversation_id = ?`;
export const INSERT_GROUP = `INSERT INTO conversations (conversation_id, kind, title, member_count, created_at)
  VALUES (?, 'group', ?, ?, ?) USING TIMESTAMP ?`;
export const INSERT_MEMBER = `INSERT INTO conversation_members (conversation_id, user_id, role, added_at)
  VALUES (?, ?, ?, ?)`;
export const SELECT_MEMBER =
  'SELECT role, added_at FROM conversation_members WHERE conversation_id = ? AND user_id = ?';
export const SELECT_MEMBERS = `SELECT user_id, role, added_at FROM conversation_members
  WHERE conversation_id = ? AND user_id > ? LIMIT ?`;
export const INSERT_CONVERSATION = `INSERT INTO conversations (conversation_id, kind, user1_id, user2_id, created_at)
  VALUES (?, ?, ?, ?, ?) IF NOT EXISTS`;
/** message_bucket is bound only by the message that opens a bucket (unset otherwise: no cell, no tombstone). */
export const UPDATE_LAST_MESSAGE = `UPDATE conversations USING TIMESTAMP ? SET latest_message = ?, message_bucket = ?
  WHERE conversation_id = ?`;
/** An edit or a delete of the latest message: at its microsecond, a newer revision (see migration 0010). */
export const REVISE_LAST_MESSAGE =
  'UPDATE conversations USING TIMESTAMP ? SET latest_message = ? WHERE conversation_id = ?';
export const UPDATE_MESSAGE_BUCKET =
  'UPDATE conversations USING TIMESTAMP ? SET message_bucket = ? WHERE conversation_id = ?';
export const INCREMENT_CONVERSATION_COUNT =
  'UPDATE user_conversation_counts SET conversation_count = conversation_count + 1 WHERE user_id = ?';
export const SELECT_CONVERSATION_COUNT =
  'SELECT conversation_count FROM user_conversation_counts WHERE user_id = ?';
export const INCREMENT_MESSAGE_COUNT =
  'UPDATE conversation_message_counts SET message_count = message_count + 1 WHERE conversation_id = ?';
export const SELECT_MESSAGE_COUNT =
  'SELECT message_count FROM conversation_message_counts WHERE conversation_id = ?';
export const ADD_MEMBER = `INSERT INTO conversation_members (conversation_id, user_id, role, added_at)
  VALUES (?, ?, ?, ?) IF NOT EXISTS`;
export const REMOVE_MEMBER =
  'DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ? IF EXISTS';
export const SET_MEMBER_COUNT =
  'UPDATE conversations SET member_count = ? WHERE conversation_id = ? IF member_count = ?';
export const SET_TITLE = 'UPDATE conversations USING TIMESTAMP ? SET title = ? WHERE conversation_id = ?';
