import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Message, Page, User } from './api';
import { LiveBus } from './live-bus';
import { MessageBubble, withReaction } from './message-bubble';
import { Names } from './names';
import { Session } from './session';

const PAGE = 30;

interface Pending {
  readonly clientId: string;
  readonly content: string;
  readonly failed: boolean;
}

/** Where a message goes: an existing conversation, or a first message to someone. */
export type Target = { readonly conversationId: string } | { readonly to: User };

const byTime = (a: Message, b: Message) =>
  a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
const dayOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

function merged(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  const all = new Map(existing.map((message) => [message.id, message]));
  for (const message of incoming) all.set(message.id, message);
  return [...all.values()].sort(byTime);
}

export function ConversationView(props: {
  session: Session;
  names: Names;
  target: Target;
  title: string;
  group: boolean;
  live: LiveBus;
  onStarted: (conversationId: string) => void;
}) {
  const { session, names, target } = props;
  const conversationId = 'conversationId' in target ? target.conversationId : undefined;
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ height: number; top: number } | 'bottom'>('bottom');
  const loadingOlder = useRef(false);

  const markRead = (list: readonly Message[]) => {
    const newest = list[list.length - 1];
    if (conversationId && newest)
      void session
        .api(`/api/conversations/${conversationId}/read`, {
          method: 'POST',
          body: JSON.stringify({ message_id: newest.id }),
        })
        .catch(() => undefined);
  };

  const loadNewest = async () => {
    if (!conversationId) return;
    const page = await session.api<Page<Message>>(
      `/api/messages/conversation/${conversationId}?limit=${PAGE}`,
    );
    setMessages((current) => {
      const next = merged(current, page.data);
      markRead(next);
      return next;
    });
    setOlder((current) => current ?? page.next_cursor);
  };

  useEffect(() => {
    setMessages([]);
    setOlder(null);
    setPending([]);
    anchor.current = 'bottom';
    loadNewest().catch((failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : String(failure)),
    );
    const stopMessages = props.live.onMessage((message) => {
      if (message.conversation_id !== conversationId) return;
      if (message.sender_id === session.user.id)
        setPending((list) => {
          const at = list.findIndex((item) => item.content === message.content && !item.failed);
          return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
        });
      setMessages((current) => {
        const next = merged(current, [message]);
        markRead(next);
        return next;
      });
    });
    const stopRemoved = props.live.onRemoved((inConversation, messageId) => {
      if (inConversation !== conversationId) return;
      setMessages((current) =>
        current.map((message) =>
          message.id === messageId ? { ...message, deleted: true, content: null } : message,
        ),
      );
    });
    const stopReactions = props.live.onReaction((change) => {
      if (change.conversation_id !== conversationId) return;
      setMessages((current) =>
        current.map((message) =>
          message.id === change.message_id
            ? withReaction(message, change.emoji, change.added, change.user_id === session.user.id)
            : message,
        ),
      );
    });
    // After the socket was away: whatever arrived meanwhile.
    const stopCatchUp = props.live.onReconnect(() => void loadNewest().catch(() => undefined));
    return () => {
      stopMessages();
      stopRemoved();
      stopReactions();
      stopCatchUp();
    };
  }, [conversationId, 'to' in target ? target.to.id : undefined]);

  // Older history lands above: keep what the reader sees where it was; new messages scroll down.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const at = anchor.current;
    if (at === 'bottom') element.scrollTop = element.scrollHeight;
    else element.scrollTop = at.top + (element.scrollHeight - at.height);
    anchor.current = 'bottom';
  }, [messages, pending]);

  const loadOlder = async () => {
    const element = scroller.current;
    if (!conversationId || !older || loadingOlder.current || !element) return;
    loadingOlder.current = true;
    try {
      const page = await session.api<Page<Message>>(
        `/api/messages/conversation/${conversationId}?limit=${PAGE}&cursor=${encodeURIComponent(older)}`,
      );
      anchor.current = { height: element.scrollHeight, top: element.scrollTop };
      setMessages((current) => merged(current, page.data));
      setOlder(page.next_cursor);
    } finally {
      loadingOlder.current = false;
    }
  };

  const deliver = async (item: Pending) => {
    setPending((list) =>
      list.map((other) => (other.clientId === item.clientId ? { ...item, failed: false } : other)),
    );
    try {
      const body = { content: item.content, client_message_id: item.clientId };
      const sent = conversationId
        ? await session.api<Message>(`/api/conversations/${conversationId}/messages`, {
            method: 'POST',
            body: JSON.stringify(body),
          })
        : await session.api<Message>('/api/messages', {
            method: 'POST',
            body: JSON.stringify({ ...body, receiver_id: (target as { to: User }).to.id }),
          });
      setPending((list) => list.filter((other) => other.clientId !== item.clientId));
      setMessages((current) => merged(current, [sent]));
      if (!conversationId) props.onStarted(sent.conversation_id);
    } catch {
      setPending((list) =>
        list.map((other) => (other.clientId === item.clientId ? { ...item, failed: true } : other)),
      );
    }
  };

  const send = (event: Event) => {
    event.preventDefault();
    const content = draft.trim();
    if (!content) return;
    setDraft('');
    const item = { clientId: crypto.randomUUID(), content, failed: false };
    setPending((list) => [...list, item]);
    void deliver(item);
  };

  let lastDay = '';
  return (
    <section class="conversation" aria-label={`Conversation with ${props.title}`}>
      <header>
        <h2>{props.title}</h2>
      </header>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div
        class="history"
        ref={scroller}
        role="log"
        aria-live="polite"
        onScroll={(event) => event.currentTarget.scrollTop < 40 && void loadOlder()}
      >
        {older && (
          <button type="button" class="link" onClick={() => void loadOlder()}>
            Earlier messages
          </button>
        )}
        {messages.map((message) => {
          const day = dayOf(message.created_at);
          const separator = day !== lastDay;
          lastDay = day;
          return (
            <>
              {separator && (
                <div class="day" role="separator">
                  {day}
                </div>
              )}
              <MessageBubble
                key={message.id}
                message={message}
                session={session}
                names={names}
                group={props.group}
                onChanged={(changed) => setMessages((current) => merged(current, [changed]))}
              />
            </>
          );
        })}
        {pending.map((item) => (
          <article key={item.clientId} class={`bubble mine pending ${item.failed ? 'failed' : ''}`}>
            <p class="text">{item.content}</p>
            <span class="meta">
              {item.failed ? 'Not sent' : 'Sending…'}
              {item.failed && (
                <button type="button" class="link" onClick={() => void deliver(item)}>
                  Retry
                </button>
              )}
            </span>
          </article>
        ))}
      </div>
      <form class="composer" onSubmit={send}>
        <label class="visually-hidden" for="composer">
          Message
        </label>
        <textarea
          id="composer"
          rows={1}
          placeholder="Write a message"
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) send(e);
          }}
        />
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
