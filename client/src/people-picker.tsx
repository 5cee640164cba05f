import { useEffect, useState } from 'preact/hooks';
import { Page, User } from './api';
import { Session } from './session';

/** Finds people by the start of their username; `skip` leaves out those already chosen. */
export function PeoplePicker(props: {
  session: Session;
  label: string;
  skip?: readonly number[];
  onPick: (user: User) => void;
}) {
  const { session } = props;
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
  const shown = found.filter((user) => !props.skip?.includes(user.id));
  return (
    <div class="people-picker">
      <label>
        {props.label}
        <input
          type="search"
          placeholder="username (3+ letters)"
          value={prefix}
          onInput={(e) => setPrefix(e.currentTarget.value)}
        />
      </label>
      {shown.length > 0 && (
        <ul class="people" aria-label="People">
          {shown.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => {
                  setPrefix('');
                  props.onPick(user);
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
