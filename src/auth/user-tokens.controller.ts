import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiCredentials, ApiKeyOnly } from '../common/auth/auth.decorators';
import { ApiDatabaseUnavailableResponse, ErrorResponseDto } from '../common/http/api-error-responses';
import { UserIdParamsDto } from '../users/dto/user-params.dto';
import { AuthService } from './auth.service';
import { AccessTokenDto } from './dto/session.dto';
import { toAccessTokenDto } from './session.mapper';

@ApiTags('users')
@ApiDatabaseUnavailableResponse()
@ApiCredentials()
@Controller('api/users')
export class UserTokensController {
  constructor(private readonly auth: AuthService) {}

  @Post(':user_id/tokens')
  @ApiKeyOnly()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'issueUserToken',
    summary: 'Issue an access token for a user (API key only)',
    description: 'For an integrator whose own sign-in vouches for the user: hand the token to its client.',
  })
  @ApiCreatedResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed user_id.' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No user has this id.' })
  async issue(@Param() params: UserIdParamsDto): Promise<AccessTokenDto> {
    return toAccessTokenDto(await this.auth.issueAccessToken(params.user_id));
  }
}
