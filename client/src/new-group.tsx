import { useState } from 'preact/hooks';
import { ApiError, Conversation, User } from './api';
import { PeoplePicker } from './people-picker';
import { Session } from './session';

/** A group: a title and at least two other people. */
export function NewGroup(props: {
  session: Session;
  onCreated: (group: Conversation) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<User[]>([]);
  const [error, setError] = useState<string>();
  const create = async (event: Event) => {
    event.preventDefault();
    try {
      const group = await props.session.api<Conversation>('/api/conversations', {
        method: 'POST',
        body: JSON.stringify({ title: title.trim(), member_ids: chosen.map((user) => user.id) }),
      });
      props.onCreated(group);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure));
    }
  };
  return (
    <form class="new-group" aria-label="New group" onSubmit={(event) => void create(event)}>
      <label>
        Group name
        <input value={title} maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <PeoplePicker
        session={props.session}
        label="Add people"
        skip={chosen.map((user) => user.id)}
        onPick={(user) => setChosen((list) => [...list, user])}
      />
      <ul class="chosen" aria-label="Chosen people">
        {chosen.map((user) => (
          <li key={user.id}>
            {user.display_name ?? user.username}
            <button
              type="button"
              class="link"
              aria-label={`Leave out ${user.username}`}
              onClick={() => setChosen((list) => list.filter((other) => other.id !== user.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={!title.trim() || chosen.length < 2}>
          Create group
        </button>
        <button type="button" class="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {chosen.length < 2 && <p class="muted">A group has you and at least two others.</p>}
    </form>
  );
}
