/** A message id as the API takes it: a version-1 UUID (a timeuuid), in either case. */
export const TIME_UUID_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-1[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';

export const MESSAGE_ID_MESSAGE = 'message_id must be a message id (a version-1 UUID)';
