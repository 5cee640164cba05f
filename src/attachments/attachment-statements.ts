const FACTS = 'uploader_id, name, content_type, size, sha256, width, height, created_at';

/** An upload's facts, expiring unless a send rewrites them (KEEP_ATTACHMENT). */
export const INSERT_ATTACHMENT = `INSERT INTO attachments (attachment_id, ${FACTS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  USING TTL ?`;
/**
 * Every fact written again without a TTL, and the conversation added: the row no longer expires. All of
 * them, so a row whose TTL ran out between the send's read and this write comes back whole, not in part.
 */
export const KEEP_ATTACHMENT = `UPDATE attachments USING TTL 0 SET uploader_id = ?, name = ?, content_type = ?,
  size = ?, sha256 = ?, width = ?, height = ?, created_at = ?, sent_in = sent_in + ? WHERE attachment_id = ?`;
export const SELECT_ATTACHMENT = `SELECT ${FACTS}, sent_in FROM attachments WHERE attachment_id = ?`;
export const INSERT_CHUNK =
  'INSERT INTO attachment_chunks (attachment_id, part, chunk, data) VALUES (?, ?, ?, ?)';
export const SELECT_CHUNK =
  'SELECT data FROM attachment_chunks WHERE attachment_id = ? AND part = ? AND chunk = ?';
/** One partition tombstone per 64 chunks, at the rate of abandoned uploads. */
export const DELETE_CHUNK_PART = 'DELETE FROM attachment_chunks WHERE attachment_id = ? AND part = ?';
/** Every upload by the time it started, with the partitions its chunks reached; kept past the sweep by a TTL. */
export const RECORD_UPLOAD = `UPDATE attachment_uploads USING TTL ? SET parts = ?
  WHERE upload_bucket = ? AND attachment_id = ?`;
export const SELECT_UPLOADS = 'SELECT attachment_id, parts FROM attachment_uploads WHERE upload_bucket = ?';
export const SELECT_SWEPT = 'SELECT swept_through FROM attachment_sweeps WHERE sweep = ?';
export const RECORD_SWEPT = 'UPDATE attachment_sweeps SET swept_through = ? WHERE sweep = ?';
