import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, userIdOf } from '../common/auth/caller';
import {
  ApiConversationNotFoundResponse,
  ApiDatabaseUnavailableResponse,
  ErrorResponseDto,
} from '../common/http/api-error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { toConversationDetailsDto, toConversationPageDto } from '../conversations/conversation.mapper';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { ConversationDetailsDto, ConversationPageDto } from '../conversations/dto/conversation.dto';
import { UserIdParamsDto } from '../users/dto/user-params.dto';
import { ConversationListsService } from './conversation-lists.service';
import { UnreadTotalDto } from './dto/read-state.dto';

const LIST_DESCRIPTION =
  'Each conversation appears once, with its latest message, and with the unread count and read position ' +
  'of the user whose list it is. A user without conversations gets an empty page.';

/** The conversation list and details, with the reader's unread counts. */
@ApiTags('conversations')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations')
export class ConversationListsController {
  constructor(private readonly lists: ConversationListsService) {}

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
    return toConversationPageDto(await this.lists.listForUser(userIdOf(caller), caller, query));
  }

  // Declared before ':conversation_id', which would otherwise take this path.
  @Get('unread')
  @UserCallerOnly()
  @ApiOperation({
    operationId: 'countUnreadConversations',
    summary: 'How many of the signed-in user’s conversations have unread messages (a badge)',
    description:
      'Looks at the 100 most recently active conversations, one read of the list; `complete` says whether ' +
      'those were all of them.',
  })
  @ApiOkResponse({ type: UnreadTotalDto })
  async countUnread(@CurrentCaller() caller: Caller): Promise<UnreadTotalDto> {
    const total = await this.lists.unreadTotal(caller);
    return { unread_conversations: total.conversations, complete: total.complete };
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
    return toConversationPageDto(await this.lists.listForUser(params.user_id, caller, query));
  }

  @Get(':conversation_id')
  @ApiOperation({
    operationId: 'getConversation',
    summary: "One conversation's details",
    description: 'With the caller’s unread count and read position (null for an API key).',
  })
  @ApiOkResponse({ type: ConversationDetailsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'conversation_id is not a UUID.' })
  @ApiConversationNotFoundResponse()
  async getConversation(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
  ): Promise<ConversationDetailsDto> {
    const { counted, messageCount } = await this.lists.details(params.conversation_id, caller);
    return toConversationDetailsDto(counted, messageCount);
  }
}
