import { toUserDto } from '../users/user.mapper';
import { IssuedAccessToken } from './access-tokens';
import { Session, TokenPair } from './auth.service';
import { AccessTokenDto, SessionDto, TokenPairDto } from './dto/session.dto';

export function toAccessTokenDto(token: IssuedAccessToken): AccessTokenDto {
  return { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn };
}

export function toTokenPairDto(pair: TokenPair): TokenPairDto {
  return { ...toAccessTokenDto(pair), refresh_token: pair.refreshToken };
}

export function toSessionDto(session: Session): SessionDto {
  return { user: toUserDto(session.user), ...toTokenPairDto(session) };
}
