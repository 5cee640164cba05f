import { useState } from 'preact/hooks';
import { ApiError, Message, Page } from './api';
import { Names } from './names';
import { Session } from './session';

/** The conversation's messages holding every word of a query, newest first; a hit opens history there. */
export function SearchPanel(props: {
  session: Session;
  names: Names;
  conversationId: string;
  onJump: (messageId: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Message[]>();
  const [more, setMore] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const path = `/api/conversations/${props.conversationId}/messages/search`;
  const search = async (asked: string, cursor: string | null) => {
    try {
      const page = await props.session.api<Page<Message>>(
        `${path}?q=${encodeURIComponent(asked)}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      setHits((current) => (cursor ? [...(current ?? []), ...page.data] : page.data));
      setMore(page.next_cursor);
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };
  return (
    <section class="search" aria-label="Search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) void search(query.trim(), null);
        }}
      >
        <label>
          Search this conversation
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {hits && (
        <ul class="hits" aria-label="Search results">
          {hits.length === 0 && !more && <li class="muted">No messages found.</li>}
          {hits.map((hit) => (
            <li key={hit.id}>
              <button type="button" onClick={() => props.onJump(hit.id)}>
                <span class="muted">
                  {props.names.of(hit.sender_id)} ·{' '}
                  {new Date(hit.created_at).toLocaleString(undefined, {
                    dateStyle: 'short',
                    timeStyle: 'short',
                  })}
                </span>
                <span>{hit.content}</span>
              </button>
            </li>
          ))}
          {more && (
            <li>
              <button type="button" class="link" onClick={() => void search(query.trim(), more)}>
                Search further back
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
