import { User } from './api';
import { Session } from './session';

/** Display names by user id, each asked of the API once. */
export class Names {
  private readonly known = new Map<number, string>();
  private readonly asked = new Map<number, Promise<void>>();

  constructor(
    private readonly session: Session,
    private readonly changed: () => void,
  ) {
    this.remember(session.user);
  }

  remember(user: User): void {
    this.known.set(user.id, user.display_name ?? user.username);
  }

  of(userId: number | null): string {
    if (userId === null) return '';
    const name = this.known.get(userId);
    if (name !== undefined) return name;
    if (!this.asked.has(userId)) {
      this.asked.set(
        userId,
        this.session
          .api<User>(`/api/users/${userId}`)
          .then((user) => {
            this.remember(user);
            this.changed();
          })
          .catch(() => undefined),
      );
    }
    return `user ${userId}`;
  }
}
