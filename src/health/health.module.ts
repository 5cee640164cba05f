import { Module } from '@nestjs/common';
import { CassandraModule } from '../cassandra/cassandra.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';

@Module({ imports: [CassandraModule], controllers: [HealthController], providers: [HealthRepository] })
export class HealthModule {}
