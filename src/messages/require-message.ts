import { NotFoundError } from '../common/errors/domain-errors';
import { LocatedMessage } from './message.model';
import { MessagesRepository } from './messages.repository';

/** A message of this conversation by id, or the 404 an unknown or foreign id gets. */
export async function requireMessage(
  repository: MessagesRepository,
  conversationId: string,
  messageId: string,
): Promise<LocatedMessage> {
  const located = await repository.findMessage(conversationId, messageId);
  if (!located)
    throw new NotFoundError(`message ${messageId} does not exist in conversation ${conversationId}`);
  return located;
}
