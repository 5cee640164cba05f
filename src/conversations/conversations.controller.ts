import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, userIdOf } from '../common/auth/caller';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { UserIdParamsDto } from '../users/dto/user-params.dto';
import { toConversationDetailsDto, toConversationPageDto } from './conversation.mapper';
import { ConversationsService } from './conversations.service';
import { ConversationIdParamsDto } from './dto/conversation-params.dto';
import { ConversationDetailsDto, ConversationPageDto } from './dto/conversation.dto';

const LIST_DESCRIPTION =
  'Each conversation appears once, with its latest message. A user without conversations gets an empty page.';

@ApiTags('conversations')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @UserCallerOnly()
  @ApiOperation({
    operationId: 'listMyConversations',
    summary: "The signed-in user's conversations, most recent activity first",
    description: LIST_DESCRIPTION,
  })
  @ApiOkResponse({ type: ConversationPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed page, limit or cursor; or a page deeper than the page-number bound.',
  })
  async listMine(
    @CurrentCaller() caller: Caller,
    @Query() query: PageQueryDto,
  ): Promise<ConversationPageDto> {
    return toConversationPageDto(await this.conversations.listForUser(userIdOf(caller), caller, query));
  }

  @Get('user/:user_id')
  @ApiOperation({
    operationId: 'listUserConversations',
    summary: "A user's conversations, most recent activity first",
    description: `${LIST_DESCRIPTION} A user token may list only its own user's; an API key any user's.`,
  })
  @ApiOkResponse({ type: ConversationPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed user_id, page, limit or cursor; or a page deeper than the page-number bound.',
  })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: "A user token asking for another user's list.",
  })
  async listUserConversations(
    @CurrentCaller() caller: Caller,
    @Param() params: UserIdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<ConversationPageDto> {
    return toConversationPageDto(await this.conversations.listForUser(params.user_id, caller, query));
  }

  @Get(':conversation_id')
  @ApiOperation({ operationId: 'getConversation', summary: "One conversation's details" })
  @ApiOkResponse({ type: ConversationDetailsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'conversation_id is not a UUID.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No conversation has this id, or the caller is not one of its members.',
  })
  async getConversation(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
  ): Promise<ConversationDetailsDto> {
    const { conversation, messageCount } = await this.conversations.getConversationDetails(
      params.conversation_id,
      caller,
    );
    return toConversationDetailsDto(conversation, messageCount);
  }
}
