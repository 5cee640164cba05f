import { useState } from 'preact/hooks';
import { Message, Reaction } from './api';
import { AttachmentView } from './attachment-view';
import { Names } from './names';
import { Session } from './session';

const THUMBS_UP = '👍';
/** Offered besides 👍; any emoji the API takes can arrive from other clients and is shown. */
const MORE_EMOJI = ['❤️', '😂', '😮', '😢', '🙏'];
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
  /** The other members whose read position is here (empty for none). */
  seenBy: readonly string[];
  /** Jumped to from a search. */
  highlighted: boolean;
  onChanged: (message: Message) => void;
}) {
  const { message, session } = props;
  const mine = message.sender_id === session.user.id;
  const [editing, setEditing] = useState<string>();
  const [picking, setPicking] = useState(false);
  const path = `/api/conversations/${message.conversation_id}/messages/${message.id}`;
  const liked = message.reactions.some((reaction) => reaction.emoji === THUMBS_UP && reaction.me);
  // The change shows when its event comes back, as it does on every other member's page.
  const react = (emoji: string, add: boolean) =>
    void session
      .api(`${path}/reactions/${encodeURIComponent(emoji)}`, { method: add ? 'PUT' : 'DELETE' })
      .catch(() => undefined);
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
    <article
      class={`bubble ${mine ? 'mine' : ''} ${props.highlighted ? 'highlighted' : ''}`}
      data-message-id={message.id}
    >
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
      {!message.deleted &&
        message.attachments.map((attachment) => (
          <AttachmentView key={attachment.id} session={session} attachment={attachment} />
        ))}
      <span class="meta">
        {timeOf(message.created_at)}
        {message.edited_at && !message.deleted ? ' · edited' : ''}
      </span>
      {!message.deleted && message.reactions.length > 0 && (
        <span class="reactions">
          {message.reactions.map((reaction) => (
            <button
              type="button"
              key={reaction.emoji}
              class="reaction"
              aria-label={`${reaction.emoji} ${reaction.count}`}
              aria-pressed={reaction.me}
              onClick={() => react(reaction.emoji, !reaction.me)}
            >
              {reaction.emoji} {reaction.count}
            </button>
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
            onClick={() => react(THUMBS_UP, !liked)}
          >
            {THUMBS_UP}
          </button>
          <button
            type="button"
            class="link"
            aria-expanded={picking}
            aria-label="More reactions"
            onClick={() => setPicking(!picking)}
          >
            ☺
          </button>
          {picking &&
            MORE_EMOJI.map((emoji) => (
              <button
                type="button"
                key={emoji}
                class="link"
                aria-label={`React ${emoji}`}
                onClick={() => {
                  setPicking(false);
                  react(emoji, true);
                }}
              >
                {emoji}
              </button>
            ))}
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
      {props.seenBy.length > 0 && (
        <span class="seen">{props.group ? `Seen by ${props.seenBy.join(', ')}` : 'Seen'}</span>
      )}
    </article>
  );
}
