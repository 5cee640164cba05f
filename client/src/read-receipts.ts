import { useEffect, useState } from 'preact/hooks';
import { Message, Page, ReadPosition } from './api';
import { LiveBus } from './live-bus';
import { Session } from './session';

/** Members whose read positions are read; a larger group shows receipts of its first ones only. */
const READ_STATE_LIMIT = 100;

/** Each other member's read position, kept current by `read` events. */
export function useReadPositions(
  session: Session,
  live: LiveBus,
  conversationId: string | undefined,
): ReadonlyMap<number, string> {
  const [positions, setPositions] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => {
    setPositions(new Map());
    if (!conversationId) return;
    const load = () =>
      session
        .api<Page<ReadPosition>>(`/api/conversations/${conversationId}/read-state?limit=${READ_STATE_LIMIT}`)
        .then((page) =>
          setPositions(
            new Map(
              page.data
                .filter((position) => position.user_id !== session.user.id && position.last_read_message_id)
                .map((position) => [position.user_id, position.last_read_message_id as string]),
            ),
          ),
        )
        .catch(() => undefined);
    void load();
    const stopReads = live.reads.listen((inConversation, userId, messageId) => {
      if (inConversation !== conversationId || userId === session.user.id) return;
      setPositions((current) => new Map(current).set(userId, messageId));
    });
    const stopCatchUp = live.reconnects.listen(() => void load());
    return () => {
      stopReads();
      stopCatchUp();
    };
  }, [conversationId]);
  return positions;
}

/**
 * Who has seen each of the reader's own messages: a member shows under the newest of them at or before
 * their read position (which their own sends move too). Positions outside the loaded messages show nowhere.
 */
export function receiptsOf(
  messages: readonly Message[],
  positions: ReadonlyMap<number, string>,
  me: number,
): Map<string, number[]> {
  const at = new Map(messages.map((message, index) => [message.id, index]));
  const receipts = new Map<string, number[]>();
  for (const [userId, messageId] of positions) {
    let index = at.get(messageId);
    if (index === undefined) continue;
    while (index >= 0 && messages[index].sender_id !== me) index--;
    if (index < 0) continue;
    const mine = messages[index].id;
    receipts.set(mine, [...(receipts.get(mine) ?? []), userId]);
  }
  return receipts;
}
