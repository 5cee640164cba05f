import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { jsonBodyParser } from './common/http/body-parser';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Messenger API')
    .setDescription(
      'Send messages between users, list a user’s conversations by latest activity, and read a conversation’s ' +
        'history page by page, by cursor or from a point in time. Times are ISO 8601 UTC with milliseconds. ' +
        'Errors: 400 names the invalid field, 404 an unknown conversation, 413 an oversized body, ' +
        '503 (with Retry-After) an unavailable database.',
    )
    .setVersion('1.0.0')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
  });
}

/** Everything main.ts and the e2e tests set up alike on the Nest application. */
export function configureApp(app: INestApplication): void {
  app.use(...jsonBodyParser());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
