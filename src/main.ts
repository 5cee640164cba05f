import { NestFactory } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  // abortOnError: false, so a failure to start reaches the catch below (a message and exit code 1), not abort().
  const app = await NestFactory.create(AppModule, {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  const http = app.get(ConfigService<AppConfig, true>).get('http', { infer: true });
  await app.listen(http.port, http.host);
  const shown = http.host === '0.0.0.0' || http.host === '::' ? 'localhost' : http.host;
  app
    .get(Logger)
    .log(`Messenger listening: open http://${shown}:${http.port}/ for the web client (API docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration, unreachable database): write to stderr and fail.
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
