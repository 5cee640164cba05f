import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidRequestError, NotFoundError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { pageFrom } from '../common/pagination/page';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { allocateUserId } from './user-id';
import { Account, ProfileChange, User } from './user.model';
import { normalizeUsername, PREFIX_PARTITION_LENGTH } from './username';
import { UsersRepository } from './users.repository';

/** Fresh ids drawn before giving up: each collides with a chance of about 1 in 4,096 per same-millisecond peer. */
const ID_ATTEMPTS = 5;

export interface NewAccount {
  readonly username: string;
  readonly displayName: string | null;
  readonly passwordHash: string | null;
}

/** A page of a username search; no total, since counting the names with a prefix would mean reading them. */
export interface UserSearchPage {
  readonly page: number;
  readonly limit: number;
  readonly data: User[];
  readonly nextCursor: string | null;
}

/** A user id with the request field that named it, so that a missing user is reported by that name. */
export interface NamedUserId {
  readonly id: number;
  readonly field: string;
}

const isUsernamePosition = (value: unknown): value is { name: string } =>
  typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';

const taken = (username: string) => new ConflictError(`username "${username}" is taken`);

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly repository: UsersRepository) {}

  /** Cheap early answer for registration; the claim in createAccount is what makes a name unique. */
  async isUsernameTaken(username: string): Promise<boolean> {
    return (await this.repository.findUserIdByUsername(normalizeUsername(username))) !== undefined;
  }

  /**
   * Creates an account with a fresh id. The id is taken first (IF NOT EXISTS), then the name is claimed
   * (IF NOT EXISTS): of concurrent registrations of one name exactly one wins, and a loser removes the
   * account row it made, which nobody could reach, since only the name leads to it.
   */
  async createAccount(input: NewAccount, now = new Date()): Promise<User> {
    const username = normalizeUsername(input.username);
    const account = await this.insertWithFreshId({ ...input, username }, now);
    const holder = await this.repository.claimUsername(username, account.id);
    if (holder !== account.id) {
      await this.repository.deleteAccount(account.id);
      throw taken(username);
    }
    await this.repository.putSearchEntry(account);
    return publicProfile(account);
  }

  private async insertWithFreshId(input: NewAccount, now: Date): Promise<Account> {
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt += 1) {
      const account: Account = { id: allocateUserId(now.getTime()), createdAt: now, ...input };
      if (await this.repository.insertAccount(account)) return account;
    }
    throw new Error(`no free user id after ${ID_ATTEMPTS} attempts`);
  }

  /** The account a username names, with its password hash, for signing in. */
  async findAccountByUsername(username: string): Promise<Account | undefined> {
    const userId = await this.repository.findUserIdByUsername(normalizeUsername(username));
    return userId === undefined ? undefined : this.repository.findAccount(userId);
  }

  async getUser(userId: number): Promise<User> {
    const account = await this.repository.findAccount(userId);
    if (!account) throw new NotFoundError(`user ${userId} does not exist`);
    return publicProfile(account);
  }

  /** Fails with a 404 naming the field of the first id that is not a user. */
  async requireUsers(ids: NamedUserId[]): Promise<void> {
    const accounts = await Promise.all(ids.map(({ id }) => this.repository.findAccount(id)));
    const missing = ids.find((_, index) => accounts[index] === undefined);
    if (missing) throw new NotFoundError(`${missing.field} ${missing.id} is not a user`);
  }

  /**
   * Creates or updates a user whose identity an integrator owns (no password). A new name is claimed
   * before the old one is released, so a rename never leaves the user without a name or two users with one.
   */
  async putIntegratorUser(userId: number, change: ProfileChange): Promise<{ user: User; created: boolean }> {
    const wanted: ProfileChange = { ...change, username: normalizeUsername(change.username) };
    const existing = await this.repository.findAccount(userId);
    const holder = await this.repository.claimUsername(wanted.username, userId);
    if (holder !== userId) throw taken(wanted.username);
    if (!existing) {
      const account: Account = { id: userId, createdAt: new Date(), passwordHash: null, ...wanted };
      if (await this.repository.insertAccount(account)) {
        await this.repository.putSearchEntry(account);
        return { user: publicProfile(account), created: true };
      }
      // Another request created the user meanwhile: update it like any existing user.
      return { user: await this.updateProfile(userId, wanted), created: false };
    }
    return { user: await this.updateProfile(userId, wanted, existing), created: false };
  }

  private async updateProfile(userId: number, change: ProfileChange, before?: Account): Promise<User> {
    const previous = before ?? (await this.repository.findAccount(userId));
    if (!previous) throw new NotFoundError(`user ${userId} does not exist`);
    await this.repository.updateProfile(userId, change);
    const user: User = { ...publicProfile(previous), ...change };
    await this.repository.putSearchEntry(user);
    if (previous.username !== change.username) {
      await this.repository.removeSearchEntry(previous.username);
      await this.repository.releaseUsername(previous.username, userId).catch((error: unknown) => {
        this.logger.warn(`User ${userId} renamed, but the old name stays reserved: ${String(error)}`);
      });
    }
    return user;
  }

  /** Users whose names start with the prefix, in name order, paged like every list. */
  async searchByPrefix(prefix: string, request: PageRequest): Promise<UserSearchPage> {
    const normalized = normalizeUsername(prefix);
    if (normalized.length < PREFIX_PARTITION_LENGTH) {
      throw new InvalidRequestError(`username_prefix must be at least ${PREFIX_PARTITION_LENGTH} characters`);
    }
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'u', normalized, isUsernamePosition));
    const read = await this.repository.listByPrefix(
      normalized,
      window.after?.name,
      window.offset + window.limit + 1,
    );
    const page = pageFrom(read, window, 0, (last, nextPage) =>
      encodeCursor({ kind: 'u', scope: normalized, page: nextPage, position: { name: last.username } }),
    );
    return { page: page.page, limit: page.limit, data: page.data, nextCursor: page.nextCursor };
  }
}

function publicProfile(account: Account | User): User {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    createdAt: account.createdAt,
  };
}
