import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { timeUuidMicros } from '../common/time/time-uuid';
import { MOVE_READ_POSITION, SELECT_READ_POSITION, SELECT_READ_POSITIONS } from './read-position-statements';

const IDEMPOTENT = { prepare: true, isIdempotent: true };

@Injectable()
export class ReadPositionsRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /** Written at the message's own microsecond: the newest message read wins, whatever the order of writes. */
  async moveForward(conversationId: string, userId: number, messageId: string): Promise<void> {
    await this.client.execute(
      MOVE_READ_POSITION,
      [
        types.Long.fromNumber(timeUuidMicros(messageId)),
        types.TimeUuid.fromString(messageId),
        types.Uuid.fromString(conversationId),
        types.Long.fromNumber(userId),
      ],
      IDEMPOTENT,
    );
  }

  async positionOf(conversationId: string, userId: number): Promise<string | undefined> {
    const row = (
      await this.client.execute(
        SELECT_READ_POSITION,
        [types.Uuid.fromString(conversationId), types.Long.fromNumber(userId)],
        IDEMPOTENT,
      )
    ).first();
    return row ? (row.get('message_id') as types.TimeUuid).toString() : undefined;
  }

  /** The positions of the users from `firstUserId` to `lastUserId`, one partition slice. */
  async positionsBetween(
    conversationId: string,
    firstUserId: number,
    lastUserId: number,
  ): Promise<Map<number, string>> {
    const result = await this.client.execute(
      SELECT_READ_POSITIONS,
      [
        types.Uuid.fromString(conversationId),
        types.Long.fromNumber(firstUserId),
        types.Long.fromNumber(lastUserId),
      ],
      IDEMPOTENT,
    );
    return new Map(
      result.rows.map((row) => [
        (row.get('user_id') as types.Long).toNumber(),
        (row.get('message_id') as types.TimeUuid).toString(),
      ]),
    );
  }
}
