import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import {
  DocumentBuilder,
  OpenAPIObject,
  OperationObject,
  RequestBodyObject,
  SwaggerModule,
} from '@nestjs/swagger';
import helmet from 'helmet';
import { API_KEY_SCHEME, BEARER_SCHEME } from './common/auth/auth.decorators';
import { withDeadline } from './common/deadline/request-deadline';
import { literalPathMethods } from './common/http/allowed-methods';
import { isAttachmentTransfer, jsonBodyParser } from './common/http/body-parser';
import { loadShedding } from './common/http/load-shedding';
import { webClient } from './common/http/web-client';
import { Request } from 'express';
import { AppConfig } from './config/app-config';
import { RedisIoAdapter } from './realtime/redis-io.adapter';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Messenger API')
    .setDescription(
      'Send messages between users, list a user’s conversations by latest activity, and read a conversation’s ' +
        'history page by page, by cursor or from a point in time. Times are ISO 8601 UTC with milliseconds. ' +
        'End users sign in at /api/auth and send Authorization: Bearer <access_token>; trusted backends send ' +
        'X-Api-Key and act for the users their requests name. ' +
        'Errors: 400 names the invalid field, 401 missing or bad credentials, 403 a caller acting for someone ' +
        'else, 404 an unknown id or a conversation the caller is not a member of, 405 a method the path does not ' +
        'take, 409 a taken username, ' +
        '413 an oversized body, 429 too many requests (with Retry-After), 503 (with Retry-After) an ' +
        'unavailable database or an instance serving its limit of requests at once.',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, API_KEY_SCHEME)
    .build();
  return closeRequestBodies(
    SwaggerModule.createDocument(app, config, {
      operationIdFactory: (_controller, method) => method,
    }),
  );
}

/**
 * The global ValidationPipe refuses a body field no DTO declares (forbidNonWhitelisted), so every request
 * body schema says `additionalProperties: false`: clients and generated tests then know that an unknown
 * field is a 400, not something ignored.
 */
function closeRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path as Record<string, OperationObject>)) {
      const schema = (operation.requestBody as RequestBodyObject | undefined)?.content['application/json']
        ?.schema;
      const name = schema && '$ref' in schema ? schema.$ref.replace('#/components/schemas/', '') : undefined;
      const body = name ? schemas[name] : undefined;
      if (body && !('$ref' in body)) body.additionalProperties = false;
    }
  }
  return document;
}

/** Everything main.ts and the e2e tests set up alike on the Nest application. */
export function configureApp(app: INestApplication): void {
  const config = app.get(ConfigService<AppConfig, true>);
  const security = config.get('security', { infer: true });
  // Behind a balancer the client's address is the one it forwards: per-address limits need it.
  const hops = config.get('http', { infer: true }).trustProxyHops;
  if (hops > 0) (app as NestExpressApplication).set('trust proxy', hops);
  // No ETag hashed over every JSON answer (a SHA-1 per response): API answers are no-store, so no client
  // holds one to revalidate. Downloads set their own, the stored bytes' SHA-256.
  (app as NestExpressApplication).set('etag', false);
  // Helmet's defaults (no X-Powered-By, nosniff, a same-origin content security policy), and no framing at
  // all: nothing this service serves is meant to be embedded. upgrade-insecure-requests is left out: TLS is
  // the deployment's choice, and over plain HTTP it would break Swagger UI's requests. Images may also be
  // blob: URLs, which is how the web client shows attachments it fetched with the bearer token.
  app.use(
    helmet({
      frameguard: { action: 'deny' },
      contentSecurityPolicy: {
        directives: {
          frameAncestors: ["'none'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  if (security.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...security.corsOrigins],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key'],
      maxAge: 600,
    });
  }
  app.use(webClient());
  // Before anything else is done for it: a request over the limit costs next to nothing.
  app.use(loadShedding(config.get('http', { infer: true }).maxInFlightRequests));
  // Before the body is read: a method the path does not take needs no body.
  app.use(literalPathMethods());
  app.use(...jsonBodyParser());
  // Everything a request does once its body is read, to its last statement, runs under one deadline. (After
  // the body parser: its stream events would run outside the deadline's async context.)
  const deadlineMs = config.get('http', { infer: true }).requestDeadlineMs;
  // Attachments stream for as long as their size takes; each of their statements has the driver's timeout.
  app.use((request: Request, _response: unknown, next: () => void) =>
    isAttachmentTransfer(request) ? next() : withDeadline(deadlineMs, next),
  );
  app.enableShutdownHooks();
  const { redisUrl } = config.get('realtime', { infer: true });
  if (redisUrl !== undefined) app.useWebSocketAdapter(new RedisIoAdapter(app, redisUrl));
  if (security.docsEnabled) {
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }
}
