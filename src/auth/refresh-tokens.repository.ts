import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';

const INSERT_TOKEN = `INSERT INTO refresh_tokens (token_hash, user_id, family_id, issued_at)
  VALUES (?, ?, ?, ?) USING TTL ?`;
const SELECT_TOKEN = 'SELECT user_id, family_id, used_at FROM refresh_tokens WHERE token_hash = ?';
const MARK_USED = 'UPDATE refresh_tokens USING TTL ? SET used_at = ? WHERE token_hash = ? IF used_at = null';
const INSERT_FAMILY = 'INSERT INTO refresh_token_families (family_id, user_id) VALUES (?, ?) USING TTL ?';
const SELECT_FAMILY = 'SELECT user_id, revoked_at FROM refresh_token_families WHERE family_id = ?';
const REVOKE_FAMILY = 'UPDATE refresh_token_families USING TTL ? SET revoked_at = ? WHERE family_id = ?';

const READ = { prepare: true, isIdempotent: true };
const WRITE = { prepare: true, isIdempotent: true };

export interface StoredRefreshToken {
  readonly userId: number;
  readonly familyId: string;
  readonly used: boolean;
}

export interface TokenFamily {
  readonly userId: number;
  readonly revoked: boolean;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async insertToken(
    tokenHash: Buffer,
    token: { userId: number; familyId: string; issuedAt: Date },
    ttlSeconds: number,
  ): Promise<void> {
    await this.client.execute(
      INSERT_TOKEN,
      [
        tokenHash,
        types.Long.fromNumber(token.userId),
        types.Uuid.fromString(token.familyId),
        token.issuedAt,
        ttlSeconds,
      ],
      WRITE,
    );
  }

  async findToken(tokenHash: Buffer): Promise<StoredRefreshToken | undefined> {
    const row = (await this.client.execute(SELECT_TOKEN, [tokenHash], READ)).first();
    // A row whose user_id expired holds only used_at, which outlives it by design: the token is gone.
    if (!row || row.get('user_id') === null) return undefined;
    return {
      userId: (row.get('user_id') as types.Long).toNumber(),
      familyId: (row.get('family_id') as types.Uuid).toString(),
      used: row.get('used_at') !== null,
    };
  }

  /** Spends a token (a lightweight transaction): true for exactly one of any number of concurrent uses. */
  async markUsed(tokenHash: Buffer, at: Date, ttlSeconds: number): Promise<boolean> {
    const result = await this.client.execute(MARK_USED, [ttlSeconds, at, tokenHash], {
      prepare: true,
      isIdempotent: false,
    });
    return result.wasApplied();
  }

  async insertFamily(familyId: string, userId: number, ttlSeconds: number): Promise<void> {
    await this.client.execute(
      INSERT_FAMILY,
      [types.Uuid.fromString(familyId), types.Long.fromNumber(userId), ttlSeconds],
      WRITE,
    );
  }

  async findFamily(familyId: string): Promise<TokenFamily | undefined> {
    const row = (await this.client.execute(SELECT_FAMILY, [types.Uuid.fromString(familyId)], READ)).first();
    if (!row) return undefined;
    const userId = row.get('user_id') as types.Long | null;
    return {
      userId: userId ? userId.toNumber() : 0,
      revoked: userId === null || row.get('revoked_at') !== null,
    };
  }

  async revokeFamily(familyId: string, at: Date, ttlSeconds: number): Promise<void> {
    await this.client.execute(REVOKE_FAMILY, [ttlSeconds, at, types.Uuid.fromString(familyId)], WRITE);
  }
}
