import { ApiError, request, User } from './api';

/**
 * Where the sign-in lives. The access token stays in memory only; the refresh token is kept in localStorage
 * so that a reload keeps the user signed in. What protects it is that nothing but this bundle runs on the
 * origin: the service's Content-Security-Policy allows scripts from 'self' only, and every text from other
 * users is rendered as text, never as HTML. Refresh tokens rotate on every use and a reused one revokes the
 * sign-in, so tabs take turns (a Web Lock) and each refresh starts from the newest stored token.
 */
const REFRESH_KEY = 'messenger.refresh_token';
/** Refreshed this long before the access token expires. */
const EARLY_MS = 60_000;

interface Tokens {
  readonly access_token: string;
  readonly expires_in: number;
  readonly refresh_token: string;
}

export class Session {
  private timer?: number;
  private listeners = new Set<() => void>();

  private constructor(
    private accessToken: string,
    readonly user: User,
    expiresIn: number,
  ) {
    this.schedule(expiresIn);
  }

  static async signIn(kind: 'login' | 'register', username: string, password: string): Promise<Session> {
    const answer = await request<Tokens & { user: User }>(`/api/auth/${kind}`, {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    localStorage.setItem(REFRESH_KEY, answer.refresh_token);
    return new Session(answer.access_token, answer.user, answer.expires_in);
  }

  /** The sign-in a reload left, if its refresh token still works. */
  static async restore(): Promise<Session | undefined> {
    if (!localStorage.getItem(REFRESH_KEY)) return undefined;
    try {
      const tokens = await refreshTokens();
      const user = await request<User>('/api/users/me', {}, tokens.access_token);
      return new Session(tokens.access_token, user, tokens.expires_in);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) localStorage.removeItem(REFRESH_KEY);
      if (error instanceof ApiError && error.status === 0) throw error;
      return undefined;
    }
  }

  get token(): string {
    return this.accessToken;
  }

  /** Called with each new access token (the socket reconnects with it). */
  onRefresh(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A request as this user; an access token found expired is refreshed once and the request retried. */
  async api<T>(path: string, init: RequestInit = {}): Promise<T> {
    try {
      return await request<T>(path, init, this.accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      await this.refresh();
      return request<T>(path, init, this.accessToken);
    }
  }

  async refresh(): Promise<void> {
    const tokens = await refreshTokens();
    this.accessToken = tokens.access_token;
    this.schedule(tokens.expires_in);
    for (const listener of this.listeners) listener();
  }

  async signOut(): Promise<void> {
    window.clearTimeout(this.timer);
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    localStorage.removeItem(REFRESH_KEY);
    if (refreshToken) {
      await request(
        '/api/auth/logout',
        { method: 'POST', body: JSON.stringify({ refresh_token: refreshToken }) },
        this.accessToken,
      ).catch(() => undefined);
    }
  }

  private schedule(expiresIn: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(
      () => void this.refresh().catch(() => undefined),
      Math.max(5_000, expiresIn * 1000 - EARLY_MS),
    );
  }
}

/** One refresh at a time across tabs, from the newest stored token. */
async function refreshTokens(): Promise<Tokens> {
  const run = async () => {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    if (!refreshToken) throw new ApiError(401, 'signed out');
    const tokens = await request<Tokens>('/api/auth/refresh', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    localStorage.setItem(REFRESH_KEY, tokens.refresh_token);
    return tokens;
  };
  return navigator.locks ? navigator.locks.request('messenger-refresh', run) : run();
}
