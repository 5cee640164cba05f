import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller } from '../common/auth/caller';
import {
  ApiConversationNotFoundResponse,
  ApiDatabaseUnavailableResponse,
  ErrorResponseDto,
} from '../common/http/api-error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ConversationIdParamsDto } from '../conversations/dto/conversation-params.dto';
import { MarkReadDto, ReadStatePageDto } from './dto/read-state.dto';
import { toReadStatePageDto } from './read-state.mapper';
import { ReadStateService } from './read-state.service';

@ApiTags('conversations')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations')
export class ReadStateController {
  constructor(private readonly readState: ReadStateService) {}

  @Post(':conversation_id/read')
  @UserCallerOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'markRead',
    summary: 'Move the caller’s read position forward',
    description:
      'The position only moves forward: an older message than the current position changes nothing, whatever ' +
      'order concurrent calls from several devices arrive in. Members are told with a `read` event when it moves.',
  })
  @ApiNoContentResponse({ description: 'The position is at this message or a newer one.' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id or message_id, or a message_id newer than the newest message.',
  })
  @ApiConversationNotFoundResponse()
  async markRead(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Body() body: MarkReadDto,
  ): Promise<void> {
    await this.readState.markRead(caller, params.conversation_id, body.message_id.toLowerCase());
  }

  @Get(':conversation_id/read-state')
  @ApiOperation({
    operationId: 'listReadState',
    summary: 'Each member’s read position ("seen by")',
    description:
      'Every member in user id order, with the newest message they have read; paged like every list.',
  })
  @ApiOkResponse({ type: ReadStatePageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, page, limit or cursor.',
  })
  @ApiConversationNotFoundResponse()
  async listReadState(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<ReadStatePageDto> {
    return toReadStatePageDto(await this.readState.listReadState(params.conversation_id, caller, query));
  }
}
