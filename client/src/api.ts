/** The public REST API, as the client uses it: JSON in and out, errors as ApiError with the service's message. */

export interface User {
  readonly id: number;
  readonly username: string;
  readonly display_name: string | null;
}

export interface Message {
  readonly id: string;
  readonly conversation_id: string;
  readonly sender_id: number;
  readonly content: string | null;
  readonly created_at: string;
  readonly edited_at: string | null;
  readonly deleted: boolean;
  readonly reactions: readonly Reaction[];
  readonly attachments: readonly Attachment[];
}

/** A file sent with a message; width and height are known for images. */
export interface Attachment {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly content_type: string;
  readonly width: number | null;
  readonly height: number | null;
}

export interface Member {
  readonly user_id: number;
  readonly role: Role;
}

export type Role = 'owner' | 'admin' | 'member';

/** The newest message a member read, for "seen by". */
export interface ReadPosition {
  readonly user_id: number;
  readonly last_read_message_id: string | null;
}

export interface Reaction {
  readonly emoji: string;
  readonly count: number;
  /** Whether the reader is among those who reacted. */
  readonly me: boolean;
}

export interface Conversation {
  readonly id: string;
  readonly kind: 'direct' | 'group';
  readonly title: string | null;
  readonly member_count: number;
  readonly role: Role | null;
  readonly user1_id: number | null;
  readonly user2_id: number | null;
  readonly last_message_at: string | null;
  readonly last_message_content: string | null;
  readonly unread_count: number;
}

export interface Page<T> {
  readonly data: T[];
  readonly next_cursor: string | null;
  /** Only on a page opened around a message: the messages after it, oldest first. */
  readonly newer_cursor?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The service's error shape: `message` is a string or, for validation, a list of them. */
async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { message?: string | string[] };
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    return new ApiError(response.status, message ?? response.statusText);
  } catch {
    return new ApiError(response.status, response.statusText);
  }
}

/** A request; a network failure becomes status 0, so callers can tell "the service is down" apart. */
export async function request<T>(path: string, init: RequestInit = {}, accessToken?: string): Promise<T> {
  const headers = new Headers(init.headers);
  if (typeof init.body === 'string' && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'The service cannot be reached.');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return (isJson ? await response.json() : await response.blob()) as T;
}
