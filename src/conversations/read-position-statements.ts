export const MOVE_READ_POSITION = `UPDATE read_positions USING TIMESTAMP ? SET message_id = ?
  WHERE conversation_id = ? AND user_id = ?`;

export const SELECT_READ_POSITION =
  'SELECT message_id FROM read_positions WHERE conversation_id = ? AND user_id = ?';

export const SELECT_READ_POSITIONS = `SELECT user_id, message_id FROM read_positions
  WHERE conversation_id = ? AND user_id >= ? AND user_id <= ?`;
