import { Module } from '@nestjs/common';
import { CassandraModule } from '../cassandra/cassandra.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { UnsentAttachmentsSweeper } from './unsent-attachments.sweeper';

@Module({
  imports: [CassandraModule, ConversationsModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentsRepository, UnsentAttachmentsSweeper],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
