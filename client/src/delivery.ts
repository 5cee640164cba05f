import { ApiError, Message } from './api';
import { Session } from './session';

/** Waits before the automatic retries of a send; after the last one the send shows as failed. */
const RETRY_DELAYS_MS = [1_000, 2_000];

/** Worth trying again: the service was unreachable, overloaded or briefly failing. Other errors stand. */
const isTransient = (error: unknown) =>
  error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);

const pause = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * Posts a message, trying again with the same body on a transient failure. The body's client_message_id makes
 * every attempt the same send: one whose answer was lost is answered from what was stored, never stored twice.
 */
export async function deliver(session: Session, path: string, body: object): Promise<Message> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await session.api<Message>(path, { method: 'POST', body: JSON.stringify(body) });
    } catch (error) {
      if (attempt >= RETRY_DELAYS_MS.length || !isTransient(error)) throw error;
      await pause(RETRY_DELAYS_MS[attempt]);
    }
  }
}
