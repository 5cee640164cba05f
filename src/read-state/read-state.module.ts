import { Module } from '@nestjs/common';
import { CassandraModule } from '../cassandra/cassandra.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ReadStateController } from './read-state.controller';
import { ReadStateRepository } from './read-state.repository';
import { ReadStateService } from './read-state.service';

@Module({
  imports: [CassandraModule, ConversationsModule, RealtimeModule],
  controllers: [ReadStateController],
  providers: [ReadStateService, ReadStateRepository],
})
export class ReadStateModule {}
