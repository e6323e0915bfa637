import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
  SwaggerModule,
} from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { MAX_NEXT_PAGE_LINK_LENGTH } from '../common/pagination/next-page-link.interceptor.js';
import { serializeResponsesFromOpenApi } from '../common/http/response-serialization.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';
import type { AppConfig } from '../config/app-config.js';
import { SCIM_COMPONENT_SCHEMAS, SCIM_ERROR_DIALECT } from '../scim/scim-openapi.js';
import { declareErrorResponses } from './error-responses.js';
import { withFormatLimits } from './format-limits.js';
import { API_TAGS } from './tags.js';

const { version } = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/** operationId: the controller's feature and the method, e.g. `moodCreate`. */
function operationId(controllerKey: string, methodKey: string): string {
  const feature = controllerKey.replace(/Controller$/, '');
  return `${feature.charAt(0).toLowerCase()}${feature.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

/** How the document's server names its environment (Spectral's OWASP inventory rule). */
const SERVER_ENVIRONMENT: Record<AppConfig['NODE_ENV'], string> = {
  development: 'local development',
  test: 'test',
  production: 'production',
};

/** The OpenAPI document of the application's routes: the contract HR systems build against. */
export function buildOpenApiDocument(
  app: INestApplication,
  baseUrl: string,
  environment: AppConfig['NODE_ENV'],
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('MindfulMe API')
    .setDescription(
      'The API behind MindfulMe, an employee mental-wellness platform. Failures answer ' +
        'application/problem+json (RFC 9457). Organisations see aggregates only, never a person.',
    )
    .setVersion(version)
    .addServer(
      baseUrl,
      `This deployment (${SERVER_ENVIRONMENT[environment]}, PUBLIC_BASE_URL), for its users and HR systems.`,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A person’s short-lived access token (15 minutes unless configured; POST /v1/auth/login, ' +
          '/refresh or /sso/exchange). ' +
          'Tokens follow RFC8725 (JWT Best Current Practices): one pinned algorithm, issuer and ' +
          'audience checked, a distinct audience per kind of token, short lifetimes.',
      },
      'bearer',
    )
    .addOAuth2(
      {
        type: 'oauth2',
        description:
          'For HR systems: an org admin creates an API client (POST /v1/orgs/{orgId}/api-clients); ' +
          'the system exchanges its client id and secret for a 10-minute bearer token bound to ' +
          'that organisation and those scopes. The token is a JWT that follows RFC8725, like ' +
          'people’s tokens, with an audience of its own.',
        flows: {
          clientCredentials: {
            tokenUrl: `${baseUrl}/v1/oauth/token`,
            scopes: {
              'employees:read': 'Read the organisation’s members',
              'employees:write': 'Provision and deprovision members',
              'org.wellness:read': 'Read the organisation’s aggregate wellness',
              'surveys:read': 'Read survey results (aggregates only)',
              'surveys:write': 'Create and manage wellbeing surveys',
            },
          },
        },
      },
      'hr-client-credentials',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  document.tags = API_TAGS;
  // Spectral's OWASP inventory rule: the document says whether its server is internal.
  for (const server of document.servers ?? []) Object.assign(server, { 'x-internal': false });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...SCIM_COMPONENT_SCHEMAS },
  };
  return withFormatLimits(
    withUuidPathIds(withPageLinks(declareErrorResponses(document, [SCIM_ERROR_DIALECT]))),
  );
}

/**
 * Every paged list (a 200 whose body has `nextCursor`) also names its next page in a `Link`
 * header (NextPageLinkInterceptor): say so on each, so clients may follow either.
 */
function withPageLinks(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<
    string,
    { properties?: Record<string, unknown> }
  >;
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      const ok = operation?.responses?.['200'] as ResponseObject | undefined;
      const ref = (ok?.content?.['application/json']?.schema as { $ref?: string } | undefined)
        ?.$ref;
      const name = ref?.replace('#/components/schemas/', '');
      if (!ok || !name || !schemas[name]?.properties?.nextCursor) continue;
      ok.headers = {
        Link: {
          description: 'rel="next": the next page, as `nextCursor` names it; absent on the last.',
          schema: {
            type: 'string',
            maxLength: MAX_NEXT_PAGE_LINK_LENGTH,
            pattern: '^<[^>]+>; rel="next"$',
          },
        },
        ...ok.headers,
      };
    }
  }
  return document;
}

/** Path parameters that are not ids of rows: a course module's own key. */
const NON_UUID_IDS = new Set(['moduleId']);

/**
 * Every `id` and `...Id` path parameter is a row's UUID (the routes parse them with
 * ParseUUIDPipe, or answer 404 for anything else): say so, so generated clients type them.
 */
function withUuidPathIds(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ parameters?: unknown[] }>) {
      for (const parameter of (operation?.parameters ?? []) as Array<{
        in?: string;
        name?: string;
        schema?: Record<string, unknown>;
      }>) {
        const isId = parameter.name === 'id' || /Id$/.test(parameter.name ?? '');
        if (parameter.in === 'path' && isId && !NON_UUID_IDS.has(parameter.name!)) {
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
        }
      }
    }
  }
  return document;
}

/**
 * Serves the document at /openapi.json and, when enabled, Swagger UI at /docs; gives the routes
 * marked @SerializedFromOpenApi() their response schemas from `responseContract`, this document
 * unless given. Before app.init(), which registers the routes.
 */
export function mountOpenApi(
  app: INestApplication,
  options: {
    swaggerUi: boolean;
    baseUrl: string;
    environment: AppConfig['NODE_ENV'];
    responseContract?: OpenAPIObject;
  },
): void {
  const document = buildOpenApiDocument(app, options.baseUrl, options.environment);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerUiEnabled: options.swaggerUi,
    raw: ['json'],
  });
  serializeResponsesFromOpenApi(
    app.getHttpAdapter().getInstance() as FastifyInstance,
    options.responseContract ?? document,
  );
}
