import { Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter';
import { AppConfig } from './config/app-config';
import { validateEnvironment } from './config/environment';
import { prettyInstalled, prettyLogs } from './config/log-format';
import { ConversationsModule } from './conversations/conversations.module';
import { HealthModule } from './health/health.module';
import { MessagesModule } from './messages/messages.module';
import { ReadStateModule } from './read-state/read-state.module';
import { UsersModule } from './users/users.module';
import { redactedUrl } from './common/http/redacted-url';

/** Levels at which the per-request log lines are written. */
const REQUEST_LOG_LEVELS = new Set(['info', 'debug', 'trace']);

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const { logLevel: level, logFormat } = config.get('http', { infer: true });
        const pretty = prettyLogs(logFormat, {
          terminal: process.stdout.isTTY === true,
          production: process.env.NODE_ENV === 'production',
          prettyInstalled: prettyInstalled(),
        });
        return {
          pinoHttp: {
            level,
            ...(pretty && {
              transport: {
                target: 'pino-pretty',
                options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
              },
            }),
            // Credentials never reach the log: the headers that carry them, and any that a client puts in
            // the query string by mistake.
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
            serializers: {
              // The query is in the URL already, there with its secrets redacted.
              req: ({ query: _query, ...req }: { url?: string; query?: unknown }) => ({
                ...req,
                url: redactedUrl(req.url),
              }),
            },
            quietReqLogger: true,
          },
          // Request logs are written at info: above that, the per-request middleware (a child logger and
          // async context for every request, about a tenth of the service's CPU) would log nothing.
          forRoutes: REQUEST_LOG_LEVELS.has(level) ? undefined : [],
        };
      },
    }),
    AuthModule,
    UsersModule,
    ConversationsModule,
    MessagesModule,
    AttachmentsModule,
    ReadStateModule,
    HealthModule,
  ],
  providers: [
    {
      provide: APP_PIPE,
      useValue: new ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        stopAtFirstError: true,
        validationError: { target: false, value: false },
      }),
    },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
