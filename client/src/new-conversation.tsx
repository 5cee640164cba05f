import { useEffect, useState } from 'preact/hooks';
import { Page, User } from './api';
import { Session } from './session';

/** Finds people by the start of their username, to write to them. */
export function NewConversation({ session, onPick }: { session: Session; onPick: (user: User) => void }) {
  const [prefix, setPrefix] = useState('');
  const [found, setFound] = useState<User[]>([]);
  useEffect(() => {
    const wanted = prefix.trim().toLowerCase();
    if (wanted.length < 3) {
      setFound([]);
      return;
    }
    let current = true;
    session
      .api<Page<User>>(`/api/users?username_prefix=${encodeURIComponent(wanted)}&limit=8`)
      .then((page) => current && setFound(page.data.filter((user) => user.id !== session.user.id)))
      .catch(() => current && setFound([]));
    return () => {
      current = false;
    };
  }, [prefix]);
  return (
    <div class="new-conversation">
      <label>
        Write to
        <input
          type="search"
          placeholder="username (3+ letters)"
          value={prefix}
          onInput={(e) => setPrefix(e.currentTarget.value)}
        />
      </label>
      {found.length > 0 && (
        <ul class="people" aria-label="People">
          {found.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => {
                  setPrefix('');
                  onPick(user);
                }}
              >
                {user.display_name ?? user.username} <span class="muted">@{user.username}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
