import { useState } from 'preact/hooks';
import { Message, Reaction } from './api';
import { Names } from './names';
import { Session } from './session';

const THUMBS_UP = '👍';
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short' });

/** A reaction change applied to a message's summary (the server sends one event per change). */
export function withReaction(message: Message, emoji: string, added: boolean, mine: boolean): Message {
  const others = message.reactions.filter((reaction) => reaction.emoji !== emoji);
  const current = message.reactions.find((reaction) => reaction.emoji === emoji) ?? {
    emoji,
    count: 0,
    me: false,
  };
  const next: Reaction = {
    emoji,
    count: Math.max(0, current.count + (added ? 1 : -1)),
    me: mine ? added : current.me,
  };
  return { ...message, reactions: next.count > 0 ? [...others, next] : others };
}

/** One message: its text as text, its markers and reactions, and what the reader may do with it. */
export function MessageBubble(props: {
  message: Message;
  session: Session;
  names: Names;
  group: boolean;
  onChanged: (message: Message) => void;
}) {
  const { message, session } = props;
  const mine = message.sender_id === session.user.id;
  const [editing, setEditing] = useState<string>();
  const path = `/api/conversations/${message.conversation_id}/messages/${message.id}`;
  const liked = message.reactions.some((reaction) => reaction.emoji === THUMBS_UP && reaction.me);
  const save = async (event: Event) => {
    event.preventDefault();
    if (!editing?.trim()) return;
    const edited = await session.api<Message>(path, {
      method: 'PATCH',
      body: JSON.stringify({ content: editing.trim() }),
    });
    setEditing(undefined);
    props.onChanged(edited);
  };
  return (
    <article class={`bubble ${mine ? 'mine' : ''}`} data-message-id={message.id}>
      {props.group && !mine && <span class="sender">{props.names.of(message.sender_id)}</span>}
      {message.deleted ? (
        <p class="deleted">Message deleted</p>
      ) : editing !== undefined ? (
        <form class="edit" onSubmit={(event) => void save(event)}>
          <label class="visually-hidden" for={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={editing}
            onInput={(e) => setEditing(e.currentTarget.value)}
          />
          <button type="submit">Save</button>
          <button type="button" class="link" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </form>
      ) : (
        <p class="text">{message.content}</p>
      )}
      <span class="meta">
        {timeOf(message.created_at)}
        {message.edited_at && !message.deleted ? ' · edited' : ''}
      </span>
      {!message.deleted && message.reactions.length > 0 && (
        <span class="reactions">
          {message.reactions.map((reaction) => (
            <span key={reaction.emoji} class="reaction" aria-label={`${reaction.emoji} ${reaction.count}`}>
              {reaction.emoji} {reaction.count}
            </span>
          ))}
        </span>
      )}
      {!message.deleted && editing === undefined && (
        <span class="actions">
          <button
            type="button"
            class="link"
            aria-pressed={liked}
            aria-label={liked ? 'Take back 👍' : 'React 👍'}
            onClick={() =>
              void session.api(`${path}/reactions/${encodeURIComponent(THUMBS_UP)}`, {
                method: liked ? 'DELETE' : 'PUT',
              })
            }
          >
            {THUMBS_UP}
          </button>
          {mine && (
            <>
              <button type="button" class="link" onClick={() => setEditing(message.content ?? '')}>
                Edit
              </button>
              <button
                type="button"
                class="link"
                onClick={() =>
                  void session
                    .api(path, { method: 'DELETE' })
                    .then(() => props.onChanged({ ...message, deleted: true, content: null, reactions: [] }))
                }
              >
                Delete
              </button>
            </>
          )}
        </span>
      )}
    </article>
  );
}
