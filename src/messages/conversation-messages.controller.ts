import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, RateLimited, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, viewerOf } from '../common/auth/caller';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { MessageDto } from './dto/message.dto';
import { MessageParamsDto } from './dto/message-params.dto';
import { ConversationMessageDto, EditMessageDto } from './dto/send-message.dto';
import { MessageChangesService } from './message-changes.service';
import { answerSend, toMessageDto } from './message.mapper';
import { MessagesService } from './messages.service';
import { ApiSendReplayResponses } from './send-responses';

@ApiTags('messages')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations/:conversation_id/messages')
export class ConversationMessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly changes: MessageChangesService,
  ) {}

  @Post()
  @UserCallerOnly()
  @RateLimited('sends')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'sendToConversation',
    summary: 'Send a message into a conversation the caller is a member of, direct or group',
    description: 'A 201 means the message is stored. In a group, receiver_id is null.',
  })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, content, client_message_id or reply_to_message_id.',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such conversation, a non-member caller, or reply_to_message_id names no message of it.',
  })
  @ApiSendReplayResponses()
  async send(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Body() body: ConversationMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageDto> {
    const outcome = await this.messages.sendToConversation(caller, params.conversation_id, body.content, {
      clientMessageId: body.client_message_id,
      replyToMessageId: body.reply_to_message_id,
      attachmentIds: body.attachment_ids,
    });
    return answerSend(response, outcome);
  }

  @Patch(':message_id')
  @UserCallerOnly()
  @ApiOperation({
    operationId: 'editMessage',
    summary: 'Edit a message (its author)',
    description:
      'Replaces the content and sets edited_at; members get a `message.updated` event. An edit that races a ' +
      'delete never brings the content back: it answers 409 instead.',
  })
  @ApiOkResponse({ type: MessageDto, description: 'The message as it now reads.' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, message_id or content.',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is not the author.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such conversation, a non-member caller, or no such message in this conversation.',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The message was deleted.' })
  async edit(
    @CurrentCaller() caller: Caller,
    @Param() params: MessageParamsDto,
    @Body() body: EditMessageDto,
  ): Promise<MessageDto> {
    return toMessageDto(
      await this.changes.edit(caller, params.conversation_id, params.message_id.toLowerCase(), body.content),
      viewerOf(caller),
    );
  }

  @Delete(':message_id')
  @UserCallerOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'deleteMessage',
    summary: 'Delete a message (its author, or a group’s owner or admin)',
    description:
      'The message stays in history as a placeholder (`deleted: true`, `content: null`); members get a ' +
      '`message.deleted` event. Deleting it again is a no-op.',
  })
  @ApiNoContentResponse({ description: 'Deleted, or already deleted.' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed conversation_id or message_id.' })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'The caller is neither the author nor, in a group, its owner or an admin.',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such conversation, a non-member caller, or no such message in this conversation.',
  })
  async delete(@CurrentCaller() caller: Caller, @Param() params: MessageParamsDto): Promise<void> {
    await this.changes.delete(caller, params.conversation_id, params.message_id.toLowerCase());
  }
}
