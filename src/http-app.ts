import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { registerNoStore } from './common/http/cache-control.js';
import { corsOptions } from './common/http/cors.js';
import { answerFrameworkError } from './common/http/framework-errors.js';
import { registerInputGuard } from './common/http/input-guard.js';
import { applyRequestTimeout, TIMEOUT_CHECK_INTERVAL_MS } from './common/http/request-timeout.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { requestIdOf } from './common/logging/logging.js';
import { mountOpenApi } from './openapi/openapi.js';
import { AccessTokens } from './auth/access-tokens.js';
import { mountQueueBoard } from './jobs/queue-board.js';
import { DOMAIN_MAX_LENGTH } from './orgs/domains/domain-rules.js';
import { registerScimErrorDialect } from './scim/scim-error.filter.js';

/** Bodies above this are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Every application route lives under /v1; the platform's probes stay outside it, and so does
 * SCIM, whose clients (identity providers) expect its standard /scim/v2 base.
 */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('v1', { exclude: ['health', 'health/ready', 'scim/v2/{*path}'] });
}

export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // The longest path parameter is a claimed domain (253 characters, DNS's limit); Fastify's
    // default of 100 answered 414 for a longer domain, which could then never be verified.
    routerOptions: { maxParamLength: DOMAIN_MAX_LENGTH },
    trustProxy: false,
    // The id is also put on the raw request, where the request logger picks it up.
    genReqId: (request: IncomingMessage) => String((request.id ??= requestIdOf(request))),
    // Requests already in flight finish on shutdown; idle keep-alive sockets are closed.
    forceCloseConnections: 'idle',
    http: { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    frameworkErrors: answerFrameworkError,
  });
}

/**
 * Everything an application needs before it listens, shared by `npm start` and the e2e tests
 * so that tests exercise exactly what production serves.
 *
 * `responseContract`: the document whose schemas write the answers of routes marked
 * @SerializedFromOpenApi(), by default the one built here. The e2e tests pass the committed
 * openapi/openapi.json: their TypeScript is compiled without the Swagger plugin, so the document
 * they build lacks the types the plugin infers, and the committed one is what a build makes
 * (the contracts test fails on any difference).
 */
export async function configureHttpApp(
  app: NestFastifyApplication,
  config: AppConfig,
  options: { responseContract?: OpenAPIObject } = {},
): Promise<void> {
  app.useLogger(app.get(Logger));
  // Every answer names its request, so a client can quote it and we can find the log line.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header('X-Request-Id', request.id);
    });
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(fastify);
  registerNoStore(fastify);
  registerInputGuard(fastify);
  registerScimErrorDialect(fastify);
  if (config.CORS_ORIGINS.length > 0) app.enableCors(corsOptions(config.CORS_ORIGINS));
  applyRequestTimeout(app.getHttpServer(), config.REQUEST_TIMEOUT_MS);
  // Identity providers send SCIM bodies as application/scim+json: JSON by another name.
  fastify.addContentTypeParser(
    'application/scim+json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  // A route may declare a larger body limit (@RouteConfig({ bodyLimit })): the HR roster sync.
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
  applyRoutePrefix(app);
  mountOpenApi(app, {
    swaggerUi: config.SWAGGER_UI,
    baseUrl: config.PUBLIC_BASE_URL,
    environment: config.NODE_ENV,
    responseContract: options.responseContract,
  });
  if (config.QUEUE_BOARD) {
    const tokens = app.get(AccessTokens, { strict: false });
    // As on every route: a valid token whose session is still open, here a platform admin's.
    const isAdmin = async (token: string) => (await tokens.verify(token))?.role === 'admin';
    await mountQueueBoard(app, isAdmin, config.NODE_ENV === 'production');
  }
  await app.init();
}

/** The HTTP application on Fastify, initialised and ready to listen. */
export async function createHttpApp(
  config: AppConfig,
  databaseUrl: string,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  await configureHttpApp(app, config);
  return app;
}
