import { Body, Controller, Get, HttpStatus, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { ApiCredentials, ApiKeyOnly, CurrentCaller, UserCallerOnly } from '../common/auth/auth.decorators';
import { Caller, userIdOf } from '../common/auth/caller';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { PutUserDto } from './dto/put-user.dto';
import { UserIdParamsDto } from './dto/user-params.dto';
import { UserSearchQueryDto } from './dto/user-search-query.dto';
import { UserDto, UserSearchPageDto } from './dto/user.dto';
import { toUserDto, toUserSearchPageDto } from './user.mapper';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @UserCallerOnly()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentCaller() caller: Caller): Promise<UserDto> {
    return toUserDto(await this.users.getUser(userIdOf(caller)));
  }

  @Get()
  @ApiOperation({
    operationId: 'searchUsers',
    summary: 'Find people by the start of their username',
    description: 'Users whose username starts with username_prefix (at least 3 characters), in name order.',
  })
  @ApiOkResponse({ type: UserSearchPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed prefix, page, limit or cursor.' })
  async search(@Query() query: UserSearchQueryDto): Promise<UserSearchPageDto> {
    return toUserSearchPageDto(await this.users.searchByPrefix(query.username_prefix, query));
  }

  @Get(':user_id')
  @ApiOperation({ operationId: 'getUser', summary: "A user's public profile" })
  @ApiOkResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed user_id.' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No user has this id.' })
  async get(@Param() params: UserIdParamsDto): Promise<UserDto> {
    return toUserDto(await this.users.getUser(params.user_id));
  }

  @Put(':user_id')
  @ApiKeyOnly()
  @ApiOperation({
    operationId: 'putUser',
    summary: 'Create or update a user whose identity the integrator owns (API key only)',
    description: 'The user has no password: it signs in through the integrator, which issues its tokens.',
  })
  @ApiCreatedResponse({ type: UserDto, description: 'Created.' })
  @ApiOkResponse({ type: UserDto, description: 'Updated.' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Malformed user_id, username or display_name.',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Another user has this username.' })
  async put(
    @Param() params: UserIdParamsDto,
    @Body() body: PutUserDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const { user, created } = await this.users.putIntegratorUser(params.user_id, {
      username: body.username,
      displayName: body.display_name ?? null,
    });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toUserDto(user);
  }
}
