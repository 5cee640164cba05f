import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ApiCredentials,
  CurrentCaller,
  Public,
  RateLimited,
  UserCallerOnly,
} from '../common/auth/auth.decorators';
import { Caller } from '../common/auth/caller';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { AuthService } from './auth.service';
import { LoginDto, RefreshTokenDto, RegisterDto } from './dto/credentials.dto';
import { SessionDto, TokenPairDto } from './dto/session.dto';
import { toSessionDto, toTokenPairDto } from './session.mapper';

@ApiTags('auth')
@ApiDatabaseUnavailableResponse()
@ApiBadRequestResponse({
  type: ErrorResponseDto,
  description: 'A missing or invalid field, named in message.',
})
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @RateLimited('auth')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'register', summary: 'Create an account and sign in' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The username is taken.' })
  async register(@Body() body: RegisterDto): Promise<SessionDto> {
    const session = await this.auth.register({
      username: body.username,
      password: body.password,
      displayName: body.display_name ?? null,
    });
    return toSessionDto(session);
  }

  @Post('login')
  @Public()
  @RateLimited('auth')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with a username and password' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Unknown username or wrong password.' })
  async login(@Body() body: LoginDto): Promise<SessionDto> {
    return toSessionDto(await this.auth.login(body.username, body.password));
  }

  @Post('refresh')
  @Public()
  @RateLimited('auth')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'refresh',
    summary: 'Exchange a refresh token for a new pair',
    description: 'The token is spent. Presenting a spent token again revokes every token of its sign-in.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'The refresh token is unknown, expired, spent or revoked.',
  })
  async refresh(@Body() body: RefreshTokenDto): Promise<TokenPairDto> {
    return toTokenPairDto(await this.auth.refresh(body.refresh_token));
  }

  @Post('logout')
  @ApiCredentials()
  @UserCallerOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'logout',
    summary: 'Revoke a sign-in',
    description:
      'Revokes the refresh token and every token rotated with it. An unknown token, or one of another user, ' +
      'is ignored (RFC 7009), so the answer is 204 either way. The sockets of the sign-in are closed at once; ' +
      'its access tokens stay valid for REST until they expire.',
  })
  @ApiNoContentResponse({ description: 'Revoked, or nothing to revoke.' })
  async logout(@CurrentCaller() caller: Caller, @Body() body: RefreshTokenDto): Promise<void> {
    if (caller.kind === 'user') await this.auth.logout(body.refresh_token, caller.userId);
  }
}
