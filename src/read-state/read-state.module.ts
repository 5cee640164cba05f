import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ConversationListsController } from './conversation-lists.controller';
import { ConversationListsService } from './conversation-lists.service';
import { ReadStateController } from './read-state.controller';
import { ReadStateService } from './read-state.service';

@Module({
  imports: [ConversationsModule, MessagesModule, RealtimeModule],
  controllers: [ConversationListsController, ReadStateController],
  providers: [ConversationListsService, ReadStateService],
})
export class ReadStateModule {}
