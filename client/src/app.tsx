import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, Conversation, Message, Page, User } from './api';
import { ConversationList, titleOf } from './conversation-list';
import { ConversationView, Target } from './conversation-view';
import { connectLive } from './live';
import { LiveBus } from './live-bus';
import { Names } from './names';
import { NewGroup } from './new-group';
import { PeoplePicker } from './people-picker';
import { Session } from './session';
import { SignIn } from './sign-in';

export function App() {
  const [session, setSession] = useState<Session | null>();
  const [trouble, setTrouble] = useState<string>();
  useEffect(() => {
    // A reload keeps the sign-in; an unreachable service is said so, and tried again.
    const restore = () =>
      Session.restore()
        .then((restored) => {
          setTrouble(undefined);
          setSession(restored ?? null);
        })
        .catch((error: unknown) => {
          setTrouble(`${error instanceof ApiError ? error.message : String(error)} Retrying…`);
          window.setTimeout(() => void restore(), 3_000);
        });
    void restore();
  }, []);
  if (session === undefined)
    return (
      <p class={trouble ? 'banner' : 'loading'} role="status">
        {trouble ?? 'Loading…'}
      </p>
    );
  if (session === null) return <SignIn onSession={setSession} />;
  return (
    <Messenger
      session={session}
      onSignOut={() => {
        void session.signOut();
        setSession(null);
      }}
    />
  );
}

const byActivity = (a: Conversation, b: Conversation) =>
  (b.last_message_at ?? '').localeCompare(a.last_message_at ?? '');

function Messenger({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const [, setNamesVersion] = useState(0);
  const names = useMemo(() => new Names(session, () => setNamesVersion((n) => n + 1)), [session]);
  const live = useMemo(() => new LiveBus(), [session]);
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [target, setTarget] = useState<Target>();
  const [offline, setOffline] = useState<string>();
  const [makingGroup, setMakingGroup] = useState(false);
  const selectedId = target && 'conversationId' in target ? target.conversationId : undefined;
  // The selection as the socket's handlers and the list's loads see it: they are made once, it changes.
  const selectedRef = useRef<string | undefined>(undefined);
  selectedRef.current = selectedId;

  const loadList = () =>
    session
      .api<Page<Conversation>>('/api/conversations?limit=50')
      .then((page) => {
        // The open conversation is read as it shows: its count is stale by the time the list arrives.
        setConversations(
          page.data.map((c) => (c.id === selectedRef.current ? { ...c, unread_count: 0 } : c)),
        );
        setOffline(undefined);
        if (performance.getEntriesByName('conversations-listed').length === 0) {
          // When the list first shows, for measuring the client (see test/web-client.e2e-spec.ts).
          requestAnimationFrame(() => performance.mark('conversations-listed'));
        }
      })
      .catch((error: unknown) => setOffline(error instanceof ApiError ? error.message : String(error)));

  useEffect(() => {
    void loadList();
    let wasDown = false;
    const socket = connectLive(session, {
      message: (message: Message) => {
        live.messages.emit(message);
        setConversations((list) => {
          const known = list.find((conversation) => conversation.id === message.conversation_id);
          if (!known) {
            void loadList();
            return list;
          }
          const fresh = message.edited_at !== null;
          const unread =
            message.sender_id === session.user.id || fresh || known.id === selectedRef.current
              ? known.unread_count
              : known.unread_count + 1;
          const updated = fresh
            ? known
            : {
                ...known,
                last_message_at: message.created_at,
                last_message_content: message.content,
                unread_count: unread,
              };
          return [updated, ...list.filter((conversation) => conversation.id !== known.id)].sort(byActivity);
        });
      },
      removed: (conversationId, messageId) => live.removals.emit(conversationId, messageId),
      reaction: (change) => live.reactions.emit(change),
      membership: (change) => {
        live.memberships.emit(change);
        if (change.removed === session.user.id) {
          // Removed, or left: the group is gone from this user's view.
          setConversations((list) => list.filter((c) => c.id !== change.conversation_id));
          if (selectedRef.current === change.conversation_id) setTarget(undefined);
        } else void loadList();
      },
      typing: (conversationId, userId) => live.typings.emit(conversationId, userId),
      read: (conversationId, userId, messageId) => live.reads.emit(conversationId, userId, messageId),
      connected: () => {
        setOffline(undefined);
        if (wasDown) {
          void loadList();
          live.reconnects.emit();
        }
        wasDown = false;
      },
      disconnected: () => {
        wasDown = true;
        setOffline('Connection lost. Reconnecting…');
      },
    });
    live.typing = socket.typing;
    return socket.close;
  }, [session]);

  const open = (id: string) => {
    setTarget({ conversationId: id });
    setConversations((list) => list.map((c) => (c.id === id ? { ...c, unread_count: 0 } : c)));
  };
  const writeTo = (user: User) => {
    names.remember(user);
    const existing = conversations.find(
      (c) =>
        c.kind === 'direct' &&
        (c.user1_id === user.id || c.user2_id === user.id) &&
        user.id !== session.user.id,
    );
    if (existing) open(existing.id);
    else setTarget({ to: user });
  };
  const selected = conversations.find((conversation) => conversation.id === selectedId);
  const title = target
    ? 'to' in target
      ? (target.to.display_name ?? target.to.username)
      : selected
        ? titleOf(selected, names, session.user.id)
        : ''
    : '';

  return (
    <div class={`messenger ${target ? 'open' : ''}`}>
      {offline && (
        <p class="banner" role="status">
          {offline}
        </p>
      )}
      <aside class="sidebar">
        <header>
          <span class="me">{names.of(session.user.id)}</span>
          <button type="button" class="link" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        {makingGroup ? (
          <NewGroup
            session={session}
            onCancel={() => setMakingGroup(false)}
            onCreated={(group) => {
              setMakingGroup(false);
              setConversations((list) => [group, ...list.filter((c) => c.id !== group.id)]);
              open(group.id);
            }}
          />
        ) : (
          <div class="start">
            <PeoplePicker session={session} label="Write to" onPick={writeTo} />
            <button type="button" class="link" onClick={() => setMakingGroup(true)}>
              New group
            </button>
          </div>
        )}
        <ConversationList
          conversations={conversations}
          selectedId={selectedId}
          names={names}
          me={session.user.id}
          onSelect={open}
        />
      </aside>
      {target ? (
        <ConversationView
          key={selectedId ?? `to-${(target as { to: User }).to.id}`}
          session={session}
          names={names}
          target={target}
          title={title}
          group={selected?.kind === 'group'}
          live={live}
          onStarted={(id) => {
            void loadList();
            setTarget({ conversationId: id });
          }}
          onClose={() => setTarget(undefined)}
        />
      ) : (
        <section class="empty">
          <p>Pick a conversation, or write to someone by their username.</p>
        </section>
      )}
    </div>
  );
}
