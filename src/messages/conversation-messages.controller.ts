import { Body, Controller, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, RateLimited, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller } from '../common/auth/caller';
import {
  ApiConversationNotFoundResponse,
  ApiDatabaseUnavailableResponse,
  ErrorResponseDto,
} from '../common/http/api-error-responses';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { MessageDto } from './dto/message.dto';
import { ConversationMessageDto } from './dto/send-message.dto';
import { answerSend } from './message.mapper';
import { MessagesService } from './messages.service';
import { ApiSendReplayResponses } from './send-responses';

@ApiTags('messages')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations/:conversation_id/messages')
export class ConversationMessagesController {
  constructor(private readonly messages: MessagesService) {}

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
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed conversation_id or content.' })
  @ApiConversationNotFoundResponse()
  @ApiSendReplayResponses()
  async send(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Body() body: ConversationMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageDto> {
    const outcome = await this.messages.sendToConversation(
      caller,
      params.conversation_id,
      body.content,
      body.client_message_id,
    );
    return answerSend(response, outcome);
  }
}
