import { Module } from '@nestjs/common';
import { CassandraModule } from '../cassandra/cassandra.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { GroupsService } from './groups.service';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';
import { ReadPositionsRepository } from './read-positions.repository';
import { ReadPositionsService } from './read-positions.service';
import { TypingGateway } from './typing.gateway';
import { Clock, SystemClock } from '../common/time/clock';

@Module({
  imports: [CassandraModule, UsersModule, RealtimeModule],
  controllers: [ConversationsController],
  providers: [
    ConversationsService,
    GroupsService,
    ConversationsRepository,
    InboxService,
    InboxRepository,
    ReadPositionsService,
    ReadPositionsRepository,
    TypingGateway,
    { provide: Clock, useClass: SystemClock },
  ],
  // The clock is the one every module stamps new things with.
  exports: [ConversationsService, ReadPositionsService, Clock],
})
export class ConversationsModule {}
