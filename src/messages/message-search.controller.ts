import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, viewerOf } from '../common/auth/caller';
import {
  ApiConversationNotFoundResponse,
  ApiDatabaseUnavailableResponse,
  ErrorResponseDto,
} from '../common/http/api-error-responses';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { SearchPageDto } from './dto/message.dto';
import { SearchQueryDto } from './dto/search-query.dto';
import { toSearchPageDto } from './message.mapper';
import { CONVERSATIONS_PER_PAGE, MessageSearchService, QUERIES_PER_PAGE } from './message-search.service';

@ApiTags('messages')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller()
export class MessageSearchController {
  constructor(private readonly search: MessageSearchService) {}

  @Get('api/conversations/:conversation_id/messages/search')
  @ApiOperation({
    operationId: 'searchConversation',
    summary: 'Messages of a conversation that hold the given words, newest first',
    description:
      'Members only. Found by the words of their content as it reads now: an edited message by its new text, a ' +
      `deleted one never. A page runs at most ${QUERIES_PER_PAGE} queries, each within one of the ` +
      "conversation's message buckets, so it may hold fewer hits than limit (even none) while next_cursor goes " +
      'on; next_cursor is null once the whole history is searched. Open a hit with ' +
      'GET /api/messages/conversation/{conversation_id}?around={id}.',
  })
  @ApiOkResponse({ type: SearchPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, q, limit or cursor.',
  })
  @ApiConversationNotFoundResponse()
  async searchConversation(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Query() query: SearchQueryDto,
  ): Promise<SearchPageDto> {
    return toSearchPageDto(
      await this.search.searchConversation(params.conversation_id, caller, query.q, query),
      viewerOf(caller),
    );
  }

  @Get('api/messages/search')
  @UserCallerOnly()
  @ApiOperation({
    operationId: 'searchMessages',
    summary: "Messages of the caller's conversations that hold the given words",
    description:
      "The caller's conversations in the order of their list (most recent activity first), each searched " +
      'newest first: hits come conversation by conversation, each with its conversation_id. Matching as in ' +
      `searchConversation. A page starts on at most ${CONVERSATIONS_PER_PAGE} conversations and runs at most ` +
      `${QUERIES_PER_PAGE} queries, so it may hold fewer hits than limit (even none) while next_cursor goes ` +
      'on; next_cursor is null once every conversation is searched. A conversation that moves to the top of ' +
      'the list between pages (a new message) is not searched again by later pages.',
  })
  @ApiOkResponse({ type: SearchPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed q, limit or cursor.' })
  async searchMessages(
    @CurrentCaller() caller: Caller,
    @Query() query: SearchQueryDto,
  ): Promise<SearchPageDto> {
    return toSearchPageDto(await this.search.searchEverywhere(caller, query.q, query), viewerOf(caller));
  }
}
