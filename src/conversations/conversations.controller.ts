import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiDatabaseUnavailableResponse } from '../common/http/api-error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { toConversationDetailsDto, toConversationPageDto } from './conversation.mapper';
import { ConversationsService } from './conversations.service';
import { ConversationIdParamsDto, UserIdParamsDto } from './dto/conversation-params.dto';
import { ConversationDetailsDto, ConversationPageDto } from './dto/conversation.dto';

@ApiTags('conversations')
@ApiDatabaseUnavailableResponse()
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('user/:user_id')
  @ApiOperation({
    operationId: 'listUserConversations',
    summary: "A user's conversations, most recent activity first",
    description:
      'Each conversation appears once, with its latest message. A user without conversations gets an empty page.',
  })
  @ApiOkResponse({ type: ConversationPageDto })
  @ApiBadRequestResponse({
    description: 'Malformed user_id, page, limit or cursor; or a page deeper than the page-number bound.',
  })
  async listUserConversations(
    @Param() params: UserIdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<ConversationPageDto> {
    return toConversationPageDto(await this.conversations.listForUser(params.user_id, query));
  }

  @Get(':conversation_id')
  @ApiOperation({ operationId: 'getConversation', summary: "One conversation's details" })
  @ApiOkResponse({ type: ConversationDetailsDto })
  @ApiBadRequestResponse({ description: 'conversation_id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No conversation has this id.' })
  async getConversation(@Param() params: ConversationIdParamsDto): Promise<ConversationDetailsDto> {
    const { conversation, messageCount } = await this.conversations.getConversationDetails(
      params.conversation_id,
    );
    return toConversationDetailsDto(conversation, messageCount);
  }
}
