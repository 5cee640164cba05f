import { CanActivate, ExecutionContext, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { ForbiddenException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { CALLER_KINDS, IS_PUBLIC } from '../common/auth/auth.decorators';
import { Caller } from '../common/auth/caller';
import { ApiKey, AppConfig } from '../config/app-config';
import { AccessTokens, InvalidAccessToken } from './access-tokens';
import { matchApiKey } from './api-keys';

export type AuthenticatedRequest = Request & { caller?: Caller };

const CREDENTIALS_IN_QUERY = /^(access_token|api_key|apikey|x-api-key|token)$/i;

/**
 * The one gate of every HTTP route: a route is public only when marked @Public(); every other one needs
 * a valid bearer access token or X-Api-Key, and gets `Cache-Control: no-store` on its answer.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly apiKeys: readonly ApiKey[];

  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokens,
    config: ConfigService<AppConfig, true>,
  ) {
    this.apiKeys = config.get('auth', { infer: true }).apiKeys;
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('Cache-Control', 'no-store');
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const caller = this.authenticate(request, response);
    request.caller = caller;
    const kinds = this.reflector.getAllAndOverride<Caller['kind'][] | undefined>(CALLER_KINDS, targets);
    if (kinds && !kinds.includes(caller.kind)) {
      throw new ForbiddenException(
        caller.kind === 'service'
          ? 'this endpoint acts for the signed-in user: call it with a user access token, not an API key'
          : 'this endpoint is for trusted backends: call it with an X-Api-Key',
      );
    }
    return true;
  }

  private authenticate(request: AuthenticatedRequest, response: Response): Caller {
    const fail = (message: string): never => {
      response.setHeader(
        'WWW-Authenticate',
        `Bearer realm="messenger", error="invalid_token", error_description="${message}"`,
      );
      throw new UnauthorizedException({
        statusCode: HttpStatus.UNAUTHORIZED,
        error: 'Unauthorized',
        message,
      });
    };
    const key = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    // One credential per request: with both, one of them would be silently ignored (a bad token beside a
    // good key would pass), and which kind of caller is asking would be ambiguous.
    if (key !== undefined && authorization !== undefined) {
      return fail('send one credential, Authorization or X-Api-Key, not both');
    }
    if (key !== undefined) {
      const name = typeof key === 'string' ? matchApiKey(this.apiKeys, key) : undefined;
      return name ? { kind: 'service', keyName: name } : fail('the API key is not valid');
    }
    if (authorization === undefined) {
      const inQuery = Object.keys(request.query ?? {}).some((name) => CREDENTIALS_IN_QUERY.test(name));
      return fail(
        inQuery
          ? 'credentials are read from the Authorization or X-Api-Key header only, never from the query string'
          : 'credentials are required: Authorization: Bearer <access_token>, or X-Api-Key',
      );
    }
    const match = /^Bearer +([A-Za-z0-9_.-]+=*) *$/i.exec(authorization);
    if (!match) return fail('the Authorization header must be "Bearer <access_token>"');
    try {
      return { kind: 'user', userId: this.accessTokens.verify(match[1]) };
    } catch (error) {
      if (error instanceof InvalidAccessToken) return fail(error.message);
      throw error;
    }
  }
}
