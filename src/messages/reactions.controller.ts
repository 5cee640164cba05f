import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller } from '../common/auth/caller';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ReactionParamsDto, ReactorPageDto } from './dto/reaction.dto';
import { toReactorPageDto } from './message.mapper';
import { ReactionsService } from './reactions.service';

const NOT_FOUND = 'No such conversation, a non-member caller, or no such message in this conversation.';
const BAD_REQUEST = 'Malformed conversation_id or message_id, or an emoji that is not one emoji.';

@ApiTags('messages')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations/:conversation_id/messages/:message_id/reactions')
export class ReactionsController {
  constructor(private readonly reactions: ReactionsService) {}

  @Put(':emoji')
  @UserCallerOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'addReaction',
    summary: 'React to a message with an emoji',
    description:
      'Idempotent: reacting twice with one emoji counts once. A message takes at most 20 different emoji. ' +
      'Members get a `reaction.added` event.',
  })
  @ApiNoContentResponse({ description: 'The caller reacts with this emoji.' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: `${BAD_REQUEST} Or a 21st different emoji.`,
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: NOT_FOUND })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The message was deleted.' })
  async add(@CurrentCaller() caller: Caller, @Param() params: ReactionParamsDto): Promise<void> {
    await this.reactions.react(caller, params.conversation_id, params.message_id.toLowerCase(), params.emoji);
  }

  @Delete(':emoji')
  @UserCallerOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'removeReaction',
    summary: 'Take back a reaction',
    description:
      'Idempotent: taking back a reaction one does not have is a no-op. Members get `reaction.removed`.',
  })
  @ApiNoContentResponse({ description: 'The caller does not react with this emoji.' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: BAD_REQUEST })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: NOT_FOUND })
  async remove(@CurrentCaller() caller: Caller, @Param() params: ReactionParamsDto): Promise<void> {
    await this.reactions.unreact(
      caller,
      params.conversation_id,
      params.message_id.toLowerCase(),
      params.emoji,
    );
  }

  @Get(':emoji')
  @ApiOperation({
    operationId: 'listReactors',
    summary: 'Who reacted to a message with an emoji',
    description: 'In user id order, paged like every list.',
  })
  @ApiOkResponse({ type: ReactorPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: `${BAD_REQUEST} Or a malformed page.` })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: NOT_FOUND })
  async list(
    @CurrentCaller() caller: Caller,
    @Param() params: ReactionParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<ReactorPageDto> {
    const page = await this.reactions.listReactors(
      caller,
      params.conversation_id,
      params.message_id.toLowerCase(),
      params.emoji,
      query,
    );
    return toReactorPageDto(page);
  }
}
