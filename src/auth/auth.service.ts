import { Injectable } from '@nestjs/common';
import { ConflictError, UnauthenticatedError } from '../common/errors/domain-errors';
import { User } from '../users/user.model';
import { UsersService } from '../users/users.service';
import { AccessTokens, IssuedAccessToken } from './access-tokens';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';

export interface TokenPair extends IssuedAccessToken {
  readonly refreshToken: string;
}

export interface Session extends TokenPair {
  readonly user: User;
}

export interface Registration {
  readonly username: string;
  readonly password: string;
  readonly displayName: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async register(input: Registration): Promise<Session> {
    // Answered before hashing, so a taken name costs no argon2 run and writes nothing; createAccount's
    // transaction still settles a race between two registrations of a free name.
    if (await this.users.isUsernameTaken(input.username)) {
      throw new ConflictError(`username "${input.username.toLowerCase()}" is taken`);
    }
    const user = await this.users.createAccount({
      username: input.username,
      displayName: input.displayName,
      passwordHash: await this.passwords.hash(input.password),
    });
    return this.startSession(user);
  }

  /** One answer for an unknown name and a wrong password, after one argon2 verification either way. */
  async login(username: string, password: string): Promise<Session> {
    const account = await this.users.findAccountByUsername(username);
    const verified = await this.passwords.verify(account?.passwordHash ?? null, password);
    if (!account || !verified) throw new UnauthenticatedError('username or password is wrong');
    const { passwordHash: _secret, ...user } = account;
    return this.startSession(user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    return {
      ...this.accessTokens.issue(rotated.userId, rotated.familyId),
      refreshToken: rotated.refreshToken,
    };
  }

  async logout(refreshToken: string, userId: number): Promise<void> {
    await this.refreshTokens.revoke(refreshToken, userId);
  }

  /** An access token for a user, for an integrator whose own sign-in vouches for them. */
  async issueAccessToken(userId: number): Promise<IssuedAccessToken> {
    await this.users.getUser(userId);
    return this.accessTokens.issue(userId);
  }

  private async startSession(user: User): Promise<Session> {
    const { refreshToken, familyId } = await this.refreshTokens.startFamily(user.id);
    return { user, refreshToken, ...this.accessTokens.issue(user.id, familyId) };
  }
}
