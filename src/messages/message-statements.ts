/** The CQL of the message tables, exported so the bench's driver baseline runs the very same statements. */
/** Written at the message's microsecond, so an edit (written later) survives a replay of the send. */
export const INSERT_MESSAGE = `INSERT INTO messages_by_conversation
  (conversation_id, bucket, message_id, sender_id, receiver_id, content, reply_to_message_id, reply_to_bucket,
  attachments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?`;
/**
 * A message's search terms (src/messages/search-terms.ts) added to its set, at the message's microsecond: in
 * the send's batch with INSERT_MESSAGE, since a set literal in an INSERT would first write a tombstone.
 */
export const ADD_SEARCH_TERMS = `UPDATE messages_by_conversation USING TIMESTAMP ? SET search_terms = search_terms + ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
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
  'message_id, sender_id, receiver_id, content, edited_at, deleted, reactions, reply_to_message_id, reply_to_bucket, attachments';
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
/** The edit's terms added and the lost ones removed, at the edit's write time (see search-terms.ts). */
export const EDIT_MESSAGE = `UPDATE messages_by_conversation USING TIMESTAMP ?
  SET content = ?, edited_at = ?, search_terms = search_terms + ?, search_terms = search_terms - ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
/**
 * At the largest write time: nothing written after a delete can undo it (see SCHEMA.md). Its terms and its
 * attachments go with its content, as tombstones at the delete's rate, which no later write passes.
 */
export const DELETE_MESSAGE_CONTENT = `UPDATE messages_by_conversation USING TIMESTAMP ?
  SET content = '', deleted = true, search_terms = null, attachments = null
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
/** A set element added or removed: idempotent, and no read before the write. */
export const ADD_REACTION = `UPDATE messages_by_conversation SET reactions = reactions + ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
export const REMOVE_REACTION = `UPDATE messages_by_conversation SET reactions = reactions - ?
  WHERE conversation_id = ? AND bucket = ? AND message_id = ?`;
/**
 * Messages of one bucket holding every given search term (one to MAX_INDEXED_QUERY_TERMS of them), newest
 * first, optionally below a message: one partition, so the index is asked about that partition alone.
 */
export function searchBucketStatement(terms: number, below: boolean): string {
  const contains = ' AND search_terms CONTAINS ?'.repeat(terms);
  return `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ?${below ? ' AND message_id < ?' : ''}${contains} LIMIT ?`;
}
/** Every message, page by page, for the one-off backfill of search terms (src/search-backfill.ts). */
export const SCAN_FOR_SEARCH_TERMS = `SELECT conversation_id, bucket, message_id, content,
  WRITETIME(content) AS content_written, search_terms FROM messages_by_conversation`;
