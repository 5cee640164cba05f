import { Injectable } from '@nestjs/common';
import { Client } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';

@Injectable()
export class HealthRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async ping(): Promise<void> {
    await this.client.execute('SELECT release_version FROM system.local', [], {
      prepare: true,
      isIdempotent: true,
    });
  }
}
