import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
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
import { toConversationDetailsDto, toConversationDto, toMemberPageDto } from './conversation.mapper';
import { ConversationsService } from './conversations.service';
import { CreateGroupDto } from './dto/create-group.dto';
import { MemberPageDto } from './dto/member.dto';
import { GroupsService } from './groups.service';
import { ConversationIdParamsDto } from './dto/conversation-params.dto';
import { AddMembersDto, MemberParamsDto, RenameGroupDto } from './dto/change-group.dto';
import { ConversationDetailsDto, ConversationDto } from './dto/conversation.dto';

@ApiTags('conversations')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly groups: GroupsService,
  ) {}

  @Post()
  @UserCallerOnly()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'createGroup',
    summary: 'Create a group conversation',
    description:
      'The caller becomes its owner. Every member finds it at once in their list, before its first message.',
  })
  @ApiCreatedResponse({ type: ConversationDetailsDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'A missing title, malformed member_ids, or a group of fewer than 3 or more than 1,000 members.',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'One of member_ids is not a user (named).' })
  async createGroup(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateGroupDto,
  ): Promise<ConversationDetailsDto> {
    const view = await this.groups.createGroup(caller, body.title, body.member_ids);
    return toConversationDetailsDto({ view, lastReadMessageId: null, unreadCount: 0 }, 0);
  }

  @Get(':conversation_id/members')
  @ApiOperation({
    operationId: 'listMembers',
    summary: "A conversation's members, in user id order",
    description: 'Paged like every list; a direct conversation lists its two members.',
  })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed conversation_id, page, limit or cursor.',
  })
  @ApiConversationNotFoundResponse()
  async listMembers(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Query() query: PageQueryDto,
  ): Promise<MemberPageDto> {
    return toMemberPageDto(await this.groups.listMembers(params.conversation_id, caller, query));
  }

  @Post(':conversation_id/members')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'addMembers',
    summary: 'Add members to a group (owner or admin)',
    description: 'Adding a member twice is a no-op. The added members find the group in their list at once.',
  })
  @ApiOkResponse({ type: ConversationDto, description: 'The group, with its new member_count.' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed user_ids, or the group would pass 1,000.',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is a plain member.' })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'Unknown conversation or non-member caller, or a user_id that is not a user.',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'A direct conversation: its members never change.',
  })
  async addMembers(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Body() body: AddMembersDto,
  ): Promise<ConversationDto> {
    return toConversationDto(await this.groups.addMembers(caller, params.conversation_id, body.user_ids));
  }

  @Delete(':conversation_id/members/:user_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'removeMember',
    summary: 'Remove a member from a group, or leave it',
    description:
      'The owner or an admin removes anyone but the owner; any member removes themselves (leaving). The owner ' +
      'can leave only a group they are alone in. A user who is not a member: nothing to do, 204.',
  })
  @ApiNoContentResponse({ description: 'Removed, or not a member.' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed conversation_id or user_id.' })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'A plain member removing someone else, or anyone removing the owner.',
  })
  @ApiConversationNotFoundResponse()
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'A direct conversation, or the owner leaving others behind.',
  })
  async removeMember(@CurrentCaller() caller: Caller, @Param() params: MemberParamsDto): Promise<void> {
    await this.groups.removeMember(caller, params.conversation_id, params.user_id);
  }

  @Patch(':conversation_id')
  @ApiOperation({ operationId: 'renameGroup', summary: 'Change a group’s title (owner or admin)' })
  @ApiOkResponse({ type: ConversationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A missing or malformed title.' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'The caller is a plain member.' })
  @ApiConversationNotFoundResponse()
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A direct conversation has no title.' })
  async rename(
    @CurrentCaller() caller: Caller,
    @Param() params: ConversationIdParamsDto,
    @Body() body: RenameGroupDto,
  ): Promise<ConversationDto> {
    return toConversationDto(await this.groups.rename(caller, params.conversation_id, body.title));
  }
}
