import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationEvents } from './conversation-events';
import { EventsGateway } from './events.gateway';

@Module({
  imports: [AuthModule],
  providers: [EventsGateway, ConversationEvents],
  exports: [ConversationEvents],
})
export class RealtimeModule {}
