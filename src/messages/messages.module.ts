import { Module } from '@nestjs/common';
import { CassandraModule } from '../cassandra/cassandra.module';
import { Clock, SystemClock } from '../common/time/clock';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

@Module({
  imports: [CassandraModule, ConversationsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessagesRepository, { provide: Clock, useClass: SystemClock }],
})
export class MessagesModule {}
