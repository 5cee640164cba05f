import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, AuthConfig } from '../config/app-config';

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/** Why a presented access token was refused; the guard puts it in WWW-Authenticate. */
export class InvalidAccessToken extends Error {}

const USER_ID = /^[1-9][0-9]{0,15}$/;

/**
 * Access tokens: HS256 JWTs with iss, aud, sub (the user id), iat and exp, signed and verified with the
 * options of the JwtModule (auth.module.ts), which pin the algorithm.
 */
@Injectable()
export class AccessTokens {
  private readonly config: AuthConfig;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.config = config.get('auth', { infer: true });
  }

  /** A token for a user; one of a sign-in names it (`sid`), so revoking the sign-in closes its sockets. */
  issue(userId: number, sessionId?: string): IssuedAccessToken {
    // Algorithm, issuer, audience, lifetime and key are the module's (auth.module.ts).
    const accessToken = this.jwt.sign(sessionId === undefined ? {} : { sid: sessionId }, {
      subject: String(userId),
    });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /** The user id the token was issued to; throws InvalidAccessToken for anything else. */
  verify(token: string): number {
    return this.verifySession(token).userId;
  }

  /**
   * The user the token was issued to, when it expires and the sign-in it belongs to (none for a token an
   * integrator had issued); throws InvalidAccessToken for anything else.
   */
  verifySession(token: string): { userId: number; expiresAt: Date; sessionId?: string } {
    let payload: Record<string, unknown>;
    try {
      payload = this.jwt.verify<Record<string, unknown>>(token);
    } catch (error) {
      throw new InvalidAccessToken(
        (error as Error).name === 'TokenExpiredError'
          ? 'the access token expired'
          : 'the access token is invalid',
      );
    }
    const { sub, iat, exp, sid } = payload;
    // jsonwebtoken accepts a token without exp, and one issued in the future: both are refused here.
    if (typeof exp !== 'number') throw new InvalidAccessToken('the access token has no expiry');
    const now = Math.floor(Date.now() / 1000);
    if (typeof iat !== 'number' || iat > now + this.config.clockToleranceSeconds) {
      throw new InvalidAccessToken('the access token is issued in the future');
    }
    if (typeof sub !== 'string' || !USER_ID.test(sub) || !Number.isSafeInteger(Number(sub))) {
      throw new InvalidAccessToken('the access token names no user');
    }
    return {
      userId: Number(sub),
      expiresAt: new Date(exp * 1000),
      ...(typeof sid === 'string' ? { sessionId: sid } : {}),
    };
  }
}
