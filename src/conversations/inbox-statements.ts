/** The CQL of a user's inbox (see SCHEMA.md), exported so the bench's driver baseline runs the same statements. */
export const UPSERT_INBOX_ENTRY = `INSERT INTO inbox_entries
  (user_id, bucket, conversation_id, activity_id, kind, user1_id, user2_id, role, created_at, latest_message)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?`;
export const SET_INBOX_TITLE = `UPDATE inbox_entries USING TIMESTAMP ? SET title = ?
  WHERE user_id = ? AND bucket = ? AND conversation_id = ?`;
export const SET_INBOX_MEMBER_COUNT = `UPDATE inbox_entries USING TIMESTAMP ? SET member_count = ?
  WHERE user_id = ? AND bucket = ? AND conversation_id = ?`;
export const DELETE_INBOX_ENTRY = `DELETE FROM inbox_entries USING TIMESTAMP ?
  WHERE user_id = ? AND bucket = ? AND conversation_id = ?`;
export const SELECT_INBOX_BUCKET = `SELECT conversation_id, activity_id, kind, user1_id, user2_id, title, member_count,
  role, created_at, latest_message, last_message FROM inbox_entries WHERE user_id = ? AND bucket = ?`;
/** An edit or a delete of the conversation's latest message, in the row of that message's day. */
export const REVISE_INBOX_PREVIEW = `UPDATE inbox_entries USING TIMESTAMP ? SET latest_message = ?
  WHERE user_id = ? AND bucket = ? AND conversation_id = ?`;
export const UPSERT_INBOX_POINTER = `INSERT INTO inbox_pointers (user_id, conversation_id, bucket, activity_id)
  VALUES (?, ?, ?, ?) USING TIMESTAMP ?`;
/** A sender's pointer: what one sends one has read, so the send moves the read position along. */
export const UPSERT_INBOX_POINTER_READ = `INSERT INTO inbox_pointers
  (user_id, conversation_id, bucket, activity_id, last_read_message_id) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?`;
/** Written at the message's microsecond, as read_positions is: the newest message read wins. */
export const SET_INBOX_READ_POSITION = `UPDATE inbox_pointers USING TIMESTAMP ? SET last_read_message_id = ?
  WHERE user_id = ? AND conversation_id = ?`;
export const DELETE_INBOX_POINTER =
  'DELETE FROM inbox_pointers USING TIMESTAMP ? WHERE user_id = ? AND conversation_id = ?';
export const SELECT_INBOX_POINTERS = `SELECT conversation_id, bucket, activity_id, last_read_message_id FROM inbox_pointers
  WHERE user_id = ? AND conversation_id IN ?`;
export const INSERT_INBOX_BUCKET =
  'INSERT INTO inbox_buckets (user_id, bucket) VALUES (?, ?) USING TIMESTAMP ?';
export const DELETE_INBOX_BUCKET =
  'DELETE FROM inbox_buckets USING TIMESTAMP ? WHERE user_id = ? AND bucket = ?';
export const SELECT_INBOX_BUCKETS = 'SELECT bucket FROM inbox_buckets WHERE user_id = ? LIMIT ?';
export const SELECT_INBOX_BUCKETS_FROM =
  'SELECT bucket FROM inbox_buckets WHERE user_id = ? AND bucket <= ? LIMIT ?';
