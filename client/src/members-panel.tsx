import { useEffect, useState } from 'preact/hooks';
import { ApiError, Member, Page, Role } from './api';
import { LiveBus } from './live-bus';
import { Names } from './names';
import { PeoplePicker } from './people-picker';
import { Session } from './session';

/** Members shown at once; a larger group says how many more there are. */
const SHOWN = 100;

/** A group's members; its owner and admins add and remove them, and anyone may leave. */
export function MembersPanel(props: {
  session: Session;
  names: Names;
  live: LiveBus;
  conversationId: string;
  title: string;
  onLeft: () => void;
}) {
  const { session, names, conversationId } = props;
  const [members, setMembers] = useState<Member[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [title, setTitle] = useState(props.title);
  const path = `/api/conversations/${conversationId}/members`;
  const load = () =>
    session
      .api<Page<Member> & { total: number }>(`${path}?limit=${SHOWN}`)
      .then((page) => {
        setMembers(page.data);
        setTotal(page.total);
      })
      .catch(() => undefined);
  useEffect(() => {
    void load();
    return props.live.memberships.listen((change) => {
      if (change.conversation_id === conversationId) void load();
    });
  }, [conversationId]);

  const myRole: Role | undefined = members.find((member) => member.user_id === session.user.id)?.role;
  const manages = myRole === 'owner' || myRole === 'admin';
  const act = (run: Promise<unknown>, after?: () => void) =>
    run
      .then(() => {
        setError(undefined);
        after?.();
        return load();
      })
      .catch((failure: unknown) => setError(failure instanceof ApiError ? failure.message : String(failure)));

  return (
    <aside class="members" aria-label="Members">
      {manages && (
        <form
          class="row"
          onSubmit={(event) => {
            event.preventDefault();
            const path = `/api/conversations/${conversationId}`;
            void act(session.api(path, { method: 'PATCH', body: JSON.stringify({ title: title.trim() }) }));
          }}
        >
          <label>
            Group name{' '}
            <input value={title} maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={!title.trim() || title.trim() === props.title}>
            Rename
          </button>
        </form>
      )}
      <h3>{total} members</h3>
      <ul>
        {members.map((member) => (
          <li key={member.user_id}>
            <span>{names.of(member.user_id)}</span>
            {member.role !== 'member' && <span class="muted"> · {member.role}</span>}
            {manages && member.role !== 'owner' && member.user_id !== session.user.id && (
              <button
                type="button"
                class="link"
                aria-label={`Remove ${names.of(member.user_id)}`}
                onClick={() => void act(session.api(`${path}/${member.user_id}`, { method: 'DELETE' }))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {total > members.length && <p class="muted">and {total - members.length} more</p>}
      {manages && (
        <PeoplePicker
          session={session}
          label="Add someone"
          skip={members.map((member) => member.user_id)}
          onPick={(user) => {
            names.remember(user);
            void act(session.api(path, { method: 'POST', body: JSON.stringify({ user_ids: [user.id] }) }));
          }}
        />
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button
        type="button"
        class="link danger"
        onClick={() =>
          void act(session.api(`${path}/${session.user.id}`, { method: 'DELETE' }), props.onLeft)
        }
      >
        Leave group
      </button>
    </aside>
  );
}
