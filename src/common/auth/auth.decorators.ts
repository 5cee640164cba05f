import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ErrorResponseDto } from '../http/api-error-responses';
import { Caller } from './caller';

/**
 * Metadata the global authentication guard (src/auth) reads. Feature modules mark their routes with these
 * decorators and receive the Caller; they never import the auth module itself.
 */
export const IS_PUBLIC = 'auth:public';
export const CALLER_KINDS = 'auth:caller-kinds';
export const RATE_LIMITED = 'auth:rate-limited';

/** Names of the OpenAPI security schemes (see app.setup.ts). */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api_key';

/** A route anyone may call without credentials. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** A route only an end user (access token) may call, such as "my own list". */
export const UserCallerOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(CALLER_KINDS, ['user']), ApiBearerAuth(BEARER_SCHEME), forbidden('an API key'));

/** A route only a trusted backend (X-Api-Key) may call. */
export const ApiKeyOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(CALLER_KINDS, ['service']),
    ApiSecurity(API_KEY_SCHEME),
    forbidden('a user token'),
  );

/** Which limit a route counts against: sign-in attempts (per address and username), sends or uploads (per user). */
export type RateLimitKind = 'auth' | 'sends' | 'uploads';
export const RateLimited = (kind: RateLimitKind): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMITED, kind),
    ApiResponse({
      status: 429,
      type: ErrorResponseDto,
      description: 'Too many requests; retry after the Retry-After header’s seconds.',
    }),
  );

/** OpenAPI: the route needs a bearer token or an API key, and answers 401 without one. */
export const ApiCredentials = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(API_KEY_SCHEME),
    ApiResponse({
      status: 401,
      type: ErrorResponseDto,
      description:
        'No credentials, or bad ones: send Authorization: Bearer <access_token> or X-Api-Key. ' +
        'The WWW-Authenticate header says why.',
    }),
  );

function forbidden(what: string) {
  return ApiResponse({ status: 403, type: ErrorResponseDto, description: `Not for ${what}.` });
}

/** The authenticated caller of the request, set by the guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
  // Only reachable when a route marked @Public() asks for a caller: a programming error, hence a 500.
  if (!caller) throw new Error('CurrentCaller used on a route without authentication');
  return caller;
});
