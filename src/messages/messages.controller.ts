import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, RateLimited } from '../common/auth/auth.decorators';
import { Caller, viewerOf } from '../common/auth/caller';
import {
  ApiConversationNotFoundResponse,
  ApiDatabaseUnavailableResponse,
  ErrorResponseDto,
} from '../common/http/api-error-responses';
import { parseIsoTimestamp } from '../common/time/iso-timestamp';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { BeforeQueryDto, HistoryQueryDto } from './dto/history-query.dto';
import { HistoryPageDto, MessageDto } from './dto/message.dto';
import { SendMessageDto } from './dto/send-message.dto';
import { HistoryService } from './history.service';
import { answerSend, toHistoryPageDto } from './message.mapper';
import { MessagesService } from './messages.service';
import { ApiSendReplayResponses } from './send-responses';

@ApiTags('messages')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly history: HistoryService,
  ) {}

  @Post()
  @RateLimited('sends')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'sendMessage',
    summary: 'Send a message',
    description:
      'Stores the message in the conversation of the two users, creating it on their first message. ' +
      'A 201 means the message is stored. With a user token the sender is the signed-in user (sender_id may ' +
      'be left out); with an API key sender_id names the user the backend acts for. Also served at /api/messages/.',
  })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed JSON, or a missing or invalid field (named in message).',
  })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'The body is larger than 64 KiB.' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'sender_id is not the signed-in user.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description:
      'The receiver (or sender) is not a user, or reply_to_message_id names no message of their conversation.',
  })
  @ApiSendReplayResponses()
  async send(
    @CurrentCaller() caller: Caller,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageDto> {
    const outcome = await this.messages.send(caller, {
      senderId: body.sender_id,
      receiverId: body.receiver_id,
      content: body.content,
      clientMessageId: body.client_message_id,
      replyToMessageId: body.reply_to_message_id,
      attachmentIds: body.attachment_ids,
    });
    return answerSend(response, outcome);
  }

  @Get('conversation/:conversation_id')
  @ApiOperation({
    operationId: 'listMessages',
    summary: "A conversation's messages, newest first; or after a message, or around one",
    description:
      'From the head, a page number or a cursor, newest first. `after` reads forward from a message, oldest ' +
      'first; `around` answers the page that holds a message, with cursors both ways. Every page costs the ' +
      'same at any depth.',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, page, limit, cursor, after or around, or more than one start.',
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such conversation, a non-member caller, or no message `around` names in it.',
  })
  async list(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Query() query: HistoryQueryDto,
  ): Promise<HistoryPageDto> {
    return toHistoryPageDto(
      await this.history.listHistory(params.conversation_id, caller, query),
      viewerOf(caller),
    );
  }

  @Get('conversation/:conversation_id/before')
  @ApiOperation({
    operationId: 'listMessagesBefore',
    summary: "A conversation's messages created before an instant, newest first",
    description:
      'Scrollback from a point in time. Continue with next_cursor; before_timestamp must still be sent.',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, before_timestamp, page, limit or cursor.',
  })
  @ApiConversationNotFoundResponse()
  async listBefore(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Query() query: BeforeQueryDto,
  ): Promise<HistoryPageDto> {
    const before = parseIsoTimestamp(query.before_timestamp) as number;
    return toHistoryPageDto(
      await this.history.listHistory(params.conversation_id, caller, query, before),
      viewerOf(caller),
    );
  }
}
