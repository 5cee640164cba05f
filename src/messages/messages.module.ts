import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CassandraModule } from '../cassandra/cassandra.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ConversationMessagesController } from './conversation-messages.controller';
import { HistoryService } from './history.service';
import { MessageChangesService } from './message-changes.service';
import { MessageSearchController } from './message-search.controller';
import { MessageSearchService } from './message-search.service';
import { MessagesController } from './messages.controller';
import { ReactionsController } from './reactions.controller';
import { ReactionsService } from './reactions.service';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';
import { ReplyQuotesService } from './reply-quotes.service';
import { SyncGateway } from './sync.gateway';
import { UnreadCountsService } from './unread-counts.service';

@Module({
  imports: [CassandraModule, ConversationsModule, RealtimeModule, AttachmentsModule],
  controllers: [
    MessagesController,
    ConversationMessagesController,
    MessageSearchController,
    ReactionsController,
  ],
  providers: [
    MessagesService,
    HistoryService,
    ReplyQuotesService,
    MessageSearchService,
    MessageChangesService,
    ReactionsService,
    MessagesRepository,
    SyncGateway,
    UnreadCountsService,
  ],
  exports: [UnreadCountsService],
})
export class MessagesModule {}
