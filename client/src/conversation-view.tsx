import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Attachment, Message, Page, User } from './api';
import { Composer, Draft } from './composer';
import { deliver } from './delivery';
import { LiveBus } from './live-bus';
import { MembersPanel } from './members-panel';
import { MessageBubble, withReaction } from './message-bubble';
import { Names } from './names';
import { receiptsOf, useReadPositions } from './read-receipts';
import { SearchPanel } from './search-panel';
import { Session } from './session';
import { useTypists } from './typing';

const PAGE = 30;
/** Closer to the bottom than this, the reader follows new messages. */
const FOLLOW_PX = 80;

interface Pending extends Draft {
  readonly clientId: string;
  /** Why the send failed, once it has, after its automatic retries. */
  readonly failure?: string;
}

/** Where a message goes: an existing conversation, or a first message to someone. */
export type Target = { readonly conversationId: string } | { readonly to: User };

/** How the history is to scroll after its next change. */
type Scroll =
  'follow' | 'bottom' | { readonly height: number; readonly top: number } | { readonly to: string };

const byTime = (a: Message, b: Message) =>
  a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
const dayOf = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
const historyPath = (conversationId: string, query: string) =>
  `/api/messages/conversation/${conversationId}?limit=${PAGE}${query}`;

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
  onClose: () => void;
}) {
  const { session, names, target, live } = props;
  const conversationId = 'conversationId' in target ? target.conversationId : undefined;
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  // After a jump to a search hit the newest messages are not loaded: live ones wait until they are.
  const [newer, setNewer] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<string>();
  const [pending, setPending] = useState<Pending[]>([]);
  const [error, setError] = useState<string>();
  const [panel, setPanel] = useState<'members' | 'search'>();
  const positions = useReadPositions(session, live, conversationId);
  const typists = useTypists(live, conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const scroll = useRef<Scroll>('bottom');
  const following = useRef(true);
  const detached = useRef(false);
  detached.current = newer !== null;
  const loadingOlder = useRef(false);

  const markRead = (list: readonly Message[]) => {
    const newest = list[list.length - 1];
    if (conversationId && newest && !detached.current)
      void session
        .api(`/api/conversations/${conversationId}/read`, {
          method: 'POST',
          body: JSON.stringify({ message_id: newest.id }),
        })
        .catch(() => undefined);
  };

  const loadNewest = async (replace: boolean) => {
    if (!conversationId) return;
    const page = await session.api<Page<Message>>(historyPath(conversationId, ''));
    if (replace) {
      setNewer(null);
      detached.current = false;
      setHighlighted(undefined);
      scroll.current = 'bottom';
    }
    setMessages((current) => {
      const next = merged(replace ? [] : current, page.data);
      markRead(next);
      return next;
    });
    setOlder((current) => (replace ? page.next_cursor : (current ?? page.next_cursor)));
  };

  useEffect(() => {
    setMessages([]);
    setOlder(null);
    setNewer(null);
    setPending([]);
    scroll.current = 'bottom';
    loadNewest(false).catch((failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : String(failure)),
    );
    const stops = [
      live.messages.listen((message) => {
        if (message.conversation_id !== conversationId) return;
        if (message.sender_id === session.user.id)
          setPending((list) => {
            const at = list.findIndex((item) => item.content === message.content && !item.failure);
            return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
          });
        setMessages((current) => {
          // While detached a new message has no place yet; an edit of a shown one does.
          if (detached.current && !current.some((shown) => shown.id === message.id)) return current;
          const next = merged(current, [message]);
          markRead(next);
          return next;
        });
      }),
      live.removals.listen((inConversation, messageId) => {
        if (inConversation !== conversationId) return;
        setMessages((current) =>
          current.map((message) =>
            message.id === messageId
              ? { ...message, deleted: true, content: null, reactions: [], attachments: [] }
              : message,
          ),
        );
      }),
      live.reactions.listen((change) => {
        if (change.conversation_id !== conversationId) return;
        setMessages((current) =>
          current.map((message) =>
            message.id === change.message_id
              ? withReaction(message, change.emoji, change.added, change.user_id === session.user.id)
              : message,
          ),
        );
      }),
      // After the socket was away: whatever arrived meanwhile.
      live.reconnects.listen(() => {
        if (!detached.current) void loadNewest(false).catch(() => undefined);
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [conversationId, 'to' in target ? target.to.id : undefined]);

  // Older history lands above: what the reader sees stays where it was. New messages scroll down only a
  // reader who is at the bottom; a jump shows its message.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const how = scroll.current;
    scroll.current = 'follow';
    if (how === 'bottom' || (how === 'follow' && following.current)) element.scrollTop = element.scrollHeight;
    else if (typeof how === 'object' && 'to' in how)
      element.querySelector(`[data-message-id="${how.to}"]`)?.scrollIntoView({ block: 'center' });
    else if (typeof how === 'object') element.scrollTop = how.top + (element.scrollHeight - how.height);
  }, [messages, pending, panel]);

  const loadOlder = async () => {
    const element = scroller.current;
    if (!conversationId || !older || loadingOlder.current || !element) return;
    loadingOlder.current = true;
    try {
      const page = await session.api<Page<Message>>(
        historyPath(conversationId, `&cursor=${encodeURIComponent(older)}`),
      );
      scroll.current = { height: element.scrollHeight, top: element.scrollTop };
      setMessages((current) => merged(current, page.data));
      setOlder(page.next_cursor);
    } finally {
      loadingOlder.current = false;
    }
  };

  const loadNewer = async () => {
    if (!conversationId || !newer) return;
    const page = await session.api<Page<Message>>(
      historyPath(conversationId, `&cursor=${encodeURIComponent(newer)}`),
    );
    setMessages((current) => merged(current, page.data));
    setNewer(page.next_cursor);
    // The newest page reached: from here on the history follows live messages, and catches up on those
    // that came meanwhile.
    if (page.next_cursor === null) {
      detached.current = false;
      await loadNewest(false);
    }
  };

  const jump = async (messageId: string) => {
    if (!conversationId) return;
    try {
      const page = await session.api<Page<Message>>(
        historyPath(conversationId, `&around=${encodeURIComponent(messageId)}`),
      );
      detached.current = page.newer_cursor !== null && page.newer_cursor !== undefined;
      setNewer(page.newer_cursor ?? null);
      setOlder(page.next_cursor);
      setHighlighted(messageId);
      scroll.current = { to: messageId };
      setMessages(merged([], page.data));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };

  const post = async (item: Pending) => {
    setPending((list) =>
      list.map((other) => (other.clientId === item.clientId ? { ...item, failure: undefined } : other)),
    );
    try {
      const body = {
        content: item.content,
        client_message_id: item.clientId,
        ...(item.attachments.length > 0 && { attachment_ids: item.attachments.map((file) => file.id) }),
      };
      const sent = conversationId
        ? await deliver(session, `/api/conversations/${conversationId}/messages`, body)
        : await deliver(session, '/api/messages', { ...body, receiver_id: (target as { to: User }).to.id });
      setPending((list) => list.filter((other) => other.clientId !== item.clientId));
      if (!detached.current) setMessages((current) => merged(current, [sent]));
      if (!conversationId) props.onStarted(sent.conversation_id);
    } catch (failure) {
      const reason = failure instanceof ApiError ? failure.message : String(failure);
      setPending((list) =>
        list.map((other) => (other.clientId === item.clientId ? { ...item, failure: reason } : other)),
      );
    }
  };

  const send = (draft: Draft) => {
    const item: Pending = { ...draft, clientId: crypto.randomUUID() };
    // One's own message is always shown: back to the newest messages if a search had moved away.
    if (detached.current) void loadNewest(true).catch(() => undefined);
    scroll.current = 'bottom';
    setPending((list) => [...list, item]);
    void post(item);
  };

  const receipts = receiptsOf(messages, positions, session.user.id);
  const toggle = (which: 'members' | 'search') => setPanel(panel === which ? undefined : which);
  let lastDay = '';
  return (
    <section class="conversation" aria-label={`Conversation with ${props.title}`}>
      <header>
        <button type="button" class="link back" aria-label="Back to conversations" onClick={props.onClose}>
          ←
        </button>
        <h2>{props.title}</h2>
        {conversationId && (
          <button
            type="button"
            class="link"
            aria-expanded={panel === 'search'}
            onClick={() => toggle('search')}
          >
            Search
          </button>
        )}
        {conversationId && props.group && (
          <button
            type="button"
            class="link"
            aria-expanded={panel === 'members'}
            onClick={() => toggle('members')}
          >
            Members
          </button>
        )}
      </header>
      {panel === 'search' && conversationId && (
        <SearchPanel
          session={session}
          names={names}
          conversationId={conversationId}
          onJump={(messageId) => void jump(messageId)}
        />
      )}
      {panel === 'members' && conversationId && (
        <MembersPanel
          session={session}
          names={names}
          live={live}
          conversationId={conversationId}
          title={props.title}
          onLeft={props.onClose}
        />
      )}
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
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_PX;
          if (element.scrollTop < 40) void loadOlder();
        }}
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
          // Keyed, so an older page put in above reuses every element below it.
          return (
            <Fragment key={message.id}>
              {separator && (
                <div class="day" role="separator">
                  {day}
                </div>
              )}
              <MessageBubble
                message={message}
                session={session}
                names={names}
                group={props.group}
                seenBy={(receipts.get(message.id) ?? []).map((userId) => names.of(userId))}
                highlighted={message.id === highlighted}
                onChanged={(changed) => setMessages((current) => merged(current, [changed]))}
              />
            </Fragment>
          );
        })}
        {newer && (
          <span class="row">
            <button type="button" class="link" onClick={() => void loadNewer()}>
              Newer messages
            </button>
            <button type="button" class="link" onClick={() => void loadNewest(true)}>
              Back to the latest
            </button>
          </span>
        )}
        {pending.map((item) => (
          <PendingBubble key={item.clientId} item={item} onRetry={() => void post(item)} />
        ))}
      </div>
      <p class="typing" aria-live="polite">
        {typists.length > 0 &&
          `${typists.map((userId) => names.of(userId)).join(', ')} ${typists.length > 1 ? 'are' : 'is'} typing…`}
      </p>
      <Composer
        session={session}
        onTyping={() => conversationId && live.typing(conversationId)}
        onSend={send}
      />
    </section>
  );
}

/** A message on its way, or one that failed and can be sent again with the same id. */
function PendingBubble({ item, onRetry }: { item: Pending; onRetry: () => void }) {
  return (
    <article class={`bubble mine pending ${item.failure ? 'failed' : ''}`}>
      <p class="text">{item.content}</p>
      {item.attachments.map((file: Attachment) => (
        <span key={file.id} class="meta">
          📎 {file.name}
        </span>
      ))}
      <span class="meta">
        {item.failure ? `Not sent: ${item.failure}` : 'Sending…'}
        {item.failure && (
          <button type="button" class="link" onClick={onRetry}>
            Retry
          </button>
        )}
      </span>
    </article>
  );
}
