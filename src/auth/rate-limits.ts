import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import { RATE_LIMITED, RateLimitKind } from '../common/auth/auth.decorators';
import { SecurityConfig } from '../config/app-config';
import type { AuthenticatedRequest } from './authentication.guard';

const MINUTE_MS = 60_000;
const reflector = new Reflector();

function kindOf(context: ExecutionContext): RateLimitKind | undefined {
  return reflector.getAllAndOverride<RateLimitKind | undefined>(RATE_LIMITED, [
    context.getHandler(),
    context.getClass(),
  ]);
}

function usernameOf(request: AuthenticatedRequest): string | undefined {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.toLowerCase() : undefined;
}

/** One count per throttler and tracker across every route it covers (the library counts per route). */
const sharedKey = (_context: ExecutionContext, tracker: string, throttler: string) =>
  `${throttler}:${tracker}`;

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>();

/** A window of one minute per signed-in user; a trusted backend's requests are its own to pace. */
function perUser(kind: 'sends' | 'uploads', limit: number): ThrottlerOptions {
  return {
    name: kind,
    ttl: MINUTE_MS,
    limit,
    skipIf: (context) => kindOf(context) !== kind || requestOf(context).caller?.kind !== 'user',
    getTracker: (request) => {
      const caller = (request as AuthenticatedRequest).caller;
      return `user:${caller?.kind === 'user' ? caller.userId : ''}`;
    },
    generateKey: sharedKey,
  };
}

/**
 * Four windows of one minute: sign-in attempts per client address and per username (so guessing one
 * account's password from many addresses is slowed too), and sends and uploads per signed-in user. Counts
 * are kept per instance.
 */
export function rateLimits(config: SecurityConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: 'auth-address',
        ttl: MINUTE_MS,
        limit: config.authRateLimitPerAddress,
        skipIf: (context) => kindOf(context) !== 'auth',
        generateKey: sharedKey,
      },
      {
        name: 'auth-username',
        ttl: MINUTE_MS,
        limit: config.authRateLimitPerUsername,
        skipIf: (context) => kindOf(context) !== 'auth' || usernameOf(requestOf(context)) === undefined,
        getTracker: (request) => `username:${usernameOf(request as AuthenticatedRequest)}`,
        generateKey: sharedKey,
      },
      perUser('sends', config.sendRateLimitPerUser),
      perUser('uploads', config.uploadRateLimitPerUser),
    ],
  };
}
