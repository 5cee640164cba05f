import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { Account, ProfileChange, User } from './user.model';
import { prefixPartition, prefixUpperBound } from './username';

const SELECT_USER =
  'SELECT user_id, username, display_name, password_hash, created_at FROM users WHERE user_id = ?';
const INSERT_USER = `INSERT INTO users (user_id, username, display_name, password_hash, created_at)
  VALUES (?, ?, ?, ?, ?) IF NOT EXISTS`;
const DELETE_USER = 'DELETE FROM users WHERE user_id = ?';
const UPDATE_PROFILE = 'UPDATE users SET username = ?, display_name = ? WHERE user_id = ?';
const SELECT_USERNAME = 'SELECT user_id FROM users_by_username WHERE username = ?';
const CLAIM_USERNAME = 'INSERT INTO users_by_username (username, user_id) VALUES (?, ?) IF NOT EXISTS';
const RELEASE_USERNAME = 'DELETE FROM users_by_username WHERE username = ? IF user_id = ?';
const INSERT_PREFIX_ENTRY = `INSERT INTO users_by_username_prefix
  (prefix, username, user_id, display_name, created_at) VALUES (?, ?, ?, ?, ?)`;
const DELETE_PREFIX_ENTRY = 'DELETE FROM users_by_username_prefix WHERE prefix = ? AND username = ?';
const SELECT_BY_PREFIX = `SELECT username, user_id, display_name, created_at FROM users_by_username_prefix
  WHERE prefix = ? AND username >= ? AND username < ? LIMIT ?`;
const SELECT_BY_PREFIX_AFTER = `SELECT username, user_id, display_name, created_at FROM users_by_username_prefix
  WHERE prefix = ? AND username > ? AND username < ? LIMIT ?`;

const READ = { prepare: true, isIdempotent: true };
const WRITE = { prepare: true, isIdempotent: true };
/** Lightweight transactions are not retried by the driver: a retry could see its own write as a conflict. */
const TRANSACTION = { prepare: true, isIdempotent: false };

const long = (value: number) => types.Long.fromNumber(value);

function toAccount(row: types.Row): Account {
  return {
    id: (row.get('user_id') as types.Long).toNumber(),
    username: row.get('username') as string,
    displayName: (row.get('display_name') as string | null) ?? null,
    passwordHash: (row.get('password_hash') as string | null) ?? null,
    createdAt: row.get('created_at') as Date,
  };
}

@Injectable()
export class UsersRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async findAccount(userId: number): Promise<Account | undefined> {
    const row = (await this.client.execute(SELECT_USER, [long(userId)], READ)).first();
    // A row with only some columns is the rest of a deleted account; none has a username then.
    return row && row.get('username') !== null ? toAccount(row) : undefined;
  }

  /** Creates the account unless its id is taken (a lightweight transaction); false when it was. */
  async insertAccount(account: Account): Promise<boolean> {
    const result = await this.client.execute(
      INSERT_USER,
      [long(account.id), account.username, account.displayName, account.passwordHash, account.createdAt],
      TRANSACTION,
    );
    return result.wasApplied();
  }

  async deleteAccount(userId: number): Promise<void> {
    await this.client.execute(DELETE_USER, [long(userId)], WRITE);
  }

  async updateProfile(userId: number, change: ProfileChange): Promise<void> {
    await this.client.execute(UPDATE_PROFILE, [change.username, change.displayName, long(userId)], WRITE);
  }

  async findUserIdByUsername(username: string): Promise<number | undefined> {
    const row = (await this.client.execute(SELECT_USERNAME, [username], READ)).first();
    return row ? (row.get('user_id') as types.Long).toNumber() : undefined;
  }

  /** Claims a username for a user (a lightweight transaction): the id that holds it afterwards. */
  async claimUsername(username: string, userId: number): Promise<number> {
    const result = await this.client.execute(CLAIM_USERNAME, [username, long(userId)], TRANSACTION);
    if (result.wasApplied()) return userId;
    return (result.first().get('user_id') as types.Long).toNumber();
  }

  /** Frees a username, only if this user still holds it. */
  async releaseUsername(username: string, userId: number): Promise<void> {
    await this.client.execute(RELEASE_USERNAME, [username, long(userId)], TRANSACTION);
  }

  async putSearchEntry(user: User): Promise<void> {
    await this.client.execute(
      INSERT_PREFIX_ENTRY,
      [prefixPartition(user.username), user.username, long(user.id), user.displayName, user.createdAt],
      WRITE,
    );
  }

  async removeSearchEntry(username: string): Promise<void> {
    await this.client.execute(DELETE_PREFIX_ENTRY, [prefixPartition(username), username], WRITE);
  }

  /** Users whose names start with `prefix`, in name order, strictly after `afterUsername` if given. */
  async listByPrefix(prefix: string, afterUsername: string | undefined, limit: number): Promise<User[]> {
    const upper = prefixUpperBound(prefix);
    const partition = prefixPartition(prefix);
    const result = afterUsername
      ? await this.client.execute(SELECT_BY_PREFIX_AFTER, [partition, afterUsername, upper, limit], READ)
      : await this.client.execute(SELECT_BY_PREFIX, [partition, prefix, upper, limit], READ);
    return result.rows.map((row) => ({
      id: (row.get('user_id') as types.Long).toNumber(),
      username: row.get('username') as string,
      displayName: (row.get('display_name') as string | null) ?? null,
      createdAt: row.get('created_at') as Date,
    }));
  }
}
