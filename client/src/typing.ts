import { useEffect, useState } from 'preact/hooks';
import { LiveBus } from './live-bus';

/** How long a typing notice shows; the server passes one on every 3 s while someone types. */
const SHOWN_MS = 3_500;

/** The other members typing in a conversation just now. */
export function useTypists(live: LiveBus, conversationId: string | undefined): readonly number[] {
  const [typists, setTypists] = useState<readonly number[]>([]);
  useEffect(() => {
    setTypists([]);
    const timers = new Map<number, number>();
    const stop = live.typings.listen((inConversation, userId) => {
      if (inConversation !== conversationId) return;
      window.clearTimeout(timers.get(userId));
      setTypists((current) => (current.includes(userId) ? current : [...current, userId]));
      timers.set(
        userId,
        window.setTimeout(() => setTypists((current) => current.filter((id) => id !== userId)), SHOWN_MS),
      );
    });
    // A message from them ends their typing.
    const stopMessages = live.messages.listen((message) => {
      if (message.conversation_id !== conversationId) return;
      window.clearTimeout(timers.get(message.sender_id));
      setTypists((current) => current.filter((id) => id !== message.sender_id));
    });
    return () => {
      stop();
      stopMessages();
      for (const timer of timers.values()) window.clearTimeout(timer);
    };
  }, [conversationId]);
  return typists;
}
