import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { CassandraModule } from '../cassandra/cassandra.module';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticationGuard } from './authentication.guard';
import { PasswordHasher } from './password-hasher';
import { RateLimitGuard } from './rate-limit.guard';
import { rateLimits } from './rate-limits';
import { RefreshTokens } from './refresh-tokens';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UserTokensController } from './user-tokens.controller';

@Module({
  imports: [
    CassandraModule,
    UsersModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        rateLimits(config.get('security', { infer: true })),
    }),
  ],
  controllers: [AuthController, UserTokensController],
  providers: [
    AuthService,
    PasswordHasher,
    AccessTokens,
    RefreshTokens,
    RefreshTokensRepository,
    // Guards run in this order: who is calling, then how often they may.
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class AuthModule {}
