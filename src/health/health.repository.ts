import { Injectable } from '@nestjs/common';
import { Client } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';

/**
 * What serving requests needs from the database: a read of the application's own keyspace at the configured
 * consistency (the client's default), so a node that answers while a quorum of the keyspace's replicas is not
 * there makes the service not ready.
 */
const READINESS_READ = 'SELECT version FROM schema_migrations LIMIT 1';

@Injectable()
export class HealthRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async ping(): Promise<void> {
    await this.client.execute(READINESS_READ, [], { prepare: true, isIdempotent: true });
  }
}
