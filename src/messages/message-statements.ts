/** The CQL of the message tables, exported so the bench's driver baseline runs the very same statements. */
/** Written at the message's microsecond, so an edit (written later) survives a replay of the send. */
export const INSERT_MESSAGE = `INSERT INTO messages_by_conversation
  (conversation_id, bucket, message_id, sender_id, receiver_id, content, reply_to_message_id, reply_to_bucket)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?`;
/** Written at the message's microsecond, so the bucket's newest_message_id is its newest message's. */
export const INSERT_BUCKET = `INSERT INTO conversation_buckets (conversation_id, bucket, newest_message_id)
  VALUES (?, ?, ?) USING TIMESTAMP ?`;
export const SELECT_BUCKETS =
  'SELECT bucket, newest_message_id FROM conversation_buckets WHERE conversation_id = ? LIMIT ?';
export const SELECT_BUCKETS_FROM = `SELECT bucket, newest_message_id FROM conversation_buckets
  WHERE conversation_id = ? AND bucket <= ? LIMIT ?`;
/** Oldest first: the clustering order reversed, which a single partition reads as cheaply. */
export const SELECT_BUCKETS_AFTER = `SELECT bucket, newest_message_id FROM conversation_buckets
  WHERE conversation_id = ? AND bucket > ? ORDER BY bucket ASC LIMIT ?`;
const MESSAGE_COLUMNS =
  'message_id, sender_id, receiver_id, content, edited_at, deleted, reactions, reply_to_message_id, reply_to_bucket';
export const SELECT_MESSAGES = `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? LIMIT ?`;
export const SELECT_MESSAGES_BEFORE = `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? AND message_id < ? LIMIT ?`;
export const SELECT_MESSAGES_AFTER = `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? AND message_id > ? ORDER BY message_id ASC LIMIT ?`;
/** Senders only: what an unread count reads, newest first (the clustering order). */
export const SELECT_SENDERS = `SELECT sender_id, deleted FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? LIMIT ?`;
export const SELECT_SENDERS_AFTER = `SELECT sender_id, deleted FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? AND message_id > ? LIMIT ?`;
export const CLAIM_REQUEST = `INSERT INTO message_requests
  (conversation_id, sender_id, client_message_id, message_id, bucket, content_sha256) VALUES (?, ?, ?, ?, ?, ?)
  IF NOT EXISTS`;
export const COUNT_INTO_BUCKET =
  'UPDATE message_bucket_sizes SET messages = messages + ? WHERE conversation_id = ? AND bucket = ?';
export const SELECT_BUCKET_SIZE =
  'SELECT messages FROM message_bucket_sizes WHERE conversation_id = ? AND bucket = ?';
/** One message by its whole key, with the write time of its content (an edit writes later than it). */
export const SELECT_MESSAGE = `SELECT ${MESSAGE_COLUMNS}, WRITETIME(content) AS content_written
  FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
export const EDIT_MESSAGE = `UPDATE messages_by_conversation USING TIMESTAMP ? SET content = ?, edited_at = ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
/** At the largest write time: nothing written after a delete can undo it (see SCHEMA.md). */
export const DELETE_MESSAGE_CONTENT = `UPDATE messages_by_conversation USING TIMESTAMP ? SET content = '', deleted = true
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
/** A set element added or removed: idempotent, and no read before the write. */
export const ADD_REACTION = `UPDATE messages_by_conversation SET reactions = reactions + ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
export const REMOVE_REACTION = `UPDATE messages_by_conversation SET reactions = reactions - ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
