import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { UnauthenticatedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';

/** 256 bits of randomness, base64url: 43 characters. */
const TOKEN_BYTES = 32;
/** A revocation outlives every token of its family, also one rotated while it was being written. */
const REVOCATION_MARGIN_SECONDS = 86_400;

const invalid = () => new UnauthenticatedError('the refresh token is invalid, expired or revoked');

/** Only the SHA-256 of a token is stored: a leaked table holds nothing a client could present. */
function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Opaque refresh tokens, rotated on every use. Tokens rotated from one sign-in form a family; presenting
 * a token that was already used means it was copied, so the whole family is revoked (reuse detection,
 * OAuth 2.0 Security Best Current Practice, section 4.14).
 */
@Injectable()
export class RefreshTokens {
  private readonly logger = new Logger(RefreshTokens.name);
  private readonly ttlSeconds: number;

  constructor(
    private readonly repository: RefreshTokensRepository,
    private readonly revocations: SessionRevocations,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlSeconds = config.get('auth', { infer: true }).refreshTokenTtlSeconds;
  }

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  /** The first token of a new sign-in, and the sign-in's id (its family's). */
  async startFamily(userId: number): Promise<{ refreshToken: string; familyId: string }> {
    const familyId = randomUUID();
    await this.repository.insertFamily(familyId, userId, this.ttlSeconds);
    return { refreshToken: await this.issue(userId, familyId), familyId };
  }

  /** Spends a token and returns its user, the next token of its family and the family's id. */
  async rotate(token: string): Promise<{ userId: number; refreshToken: string; familyId: string }> {
    const tokenHash = hashToken(token);
    const stored = await this.repository.findToken(tokenHash);
    if (!stored) throw invalid();
    if (stored.used || !(await this.repository.markUsed(tokenHash, new Date(), this.ttlSeconds))) {
      await this.revokeFamily(stored.familyId);
      this.logger.warn(
        `A spent refresh token of user ${stored.userId} was presented; its sign-in is revoked`,
      );
      throw invalid();
    }
    const family = await this.repository.findFamily(stored.familyId);
    if (!family || family.revoked) throw invalid();
    // Writing the family again extends its lifetime with each rotation, as each new token's is.
    await this.repository.insertFamily(stored.familyId, stored.userId, this.ttlSeconds);
    return {
      userId: stored.userId,
      refreshToken: await this.issue(stored.userId, stored.familyId),
      familyId: stored.familyId,
    };
  }

  /**
   * Revokes the sign-in a token belongs to, if it is the caller's. Unknown tokens and other users' tokens
   * are ignored, as RFC 7009 asks, so the answer says nothing about them.
   */
  async revoke(token: string, userId: number): Promise<void> {
    const stored = await this.repository.findToken(hashToken(token));
    if (stored && stored.userId === userId) await this.revokeFamily(stored.familyId);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.repository.revokeFamily(familyId, new Date(), this.ttlSeconds + REVOCATION_MARGIN_SECONDS);
    this.revocations.revoked(familyId);
  }

  private async issue(userId: number, familyId: string): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await this.repository.insertToken(
      hashToken(token),
      { userId, familyId, issuedAt: new Date() },
      this.ttlSeconds,
    );
    return token;
  }
}
