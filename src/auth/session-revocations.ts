import { Injectable } from '@nestjs/common';

/**
 * Tells who listens (the events socket) that a sign-in was revoked: signed out, or its refresh token was
 * reused. Access tokens issued for that sign-in name it (`sid`), so its sockets can be closed at once.
 */
@Injectable()
export class SessionRevocations {
  private readonly listeners = new Set<(sessionId: string) => void>();

  onRevoked(listener: (sessionId: string) => void): void {
    this.listeners.add(listener);
  }

  revoked(sessionId: string): void {
    for (const listener of this.listeners) listener(sessionId);
  }
}
