import { RouteConfig } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';

/** The route config flag SerializedFromOpenApi sets. */
const SERIALIZED_FROM_OPENAPI = 'serializedFromOpenApi';

/**
 * The route's successful JSON answers are written by Fastify from their schemas in the OpenAPI
 * document (fast-json-stringify, compiled once at start) instead of by `JSON.stringify`: on the
 * hot routes' answers it measured 2 to 6 times faster (a page of 20 journals 65 to 35 µs, 90 days
 * of statistics 73 to 12 µs). The answer holds exactly what the document declares: a property
 * it does not declare is left out, a required one missing fails the request (500), which the
 * e2e response contract already holds every answer to. A route with a `@RouteConfig` of its own
 * sets `serializedFromOpenApi: true` there instead (the two decorators share one metadata key).
 */
export const SerializedFromOpenApi = (): MethodDecorator =>
  RouteConfig({ [SERIALIZED_FROM_OPENAPI]: true });

/**
 * Gives each route marked @SerializedFromOpenApi() its response schemas from `document` as the
 * route is registered (app.init()). A marked route the document does not describe stops the
 * start: it would otherwise be serialised with no schema.
 */
export function serializeResponsesFromOpenApi(
  fastify: FastifyInstance,
  document: OpenAPIObject,
): void {
  fastify.addHook('onRoute', (route) => {
    const config = route.config as Record<string, unknown> | undefined;
    if (config?.[SERIALIZED_FROM_OPENAPI] !== true) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.schema = {
      ...route.schema,
      response: responseSchemasOf(document, methods[0], route.url),
    };
  });
}

type Schema = Record<string, unknown>;

/**
 * The JSON schemas of an operation's 2xx `application/json` answers, by status, in the form
 * fast-json-stringify reads: references resolved in place, a `nullable` single `allOf` (how
 * the document spells a nullable nested object) folded into its one member.
 */
export function responseSchemasOf(
  document: OpenAPIObject,
  method: string,
  fastifyUrl: string,
): Record<string, Schema> {
  const path = fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  // Fastify answers HEAD from the GET route.
  const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const operation = (document.paths[path] as Record<string, unknown> | undefined)?.[verb] as
    { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } | undefined;
  const schemas: Record<string, Schema> = {};
  for (const [status, response] of Object.entries(operation?.responses ?? {})) {
    const schema = response.content?.['application/json']?.schema;
    if (status.startsWith('2') && schema) schemas[status] = resolved(document, schema) as Schema;
  }
  if (Object.keys(schemas).length === 0) {
    throw new Error(`${method} ${fastifyUrl}: no JSON answer in the OpenAPI document to serialise`);
  }
  return schemas;
}

/** Keys whose values are sample data, not schemas: copied as they are. */
const EXAMPLE_KEYS = new Set(['example', 'examples']);

function resolved(document: OpenAPIObject, node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => resolved(document, item, seen));
  if (node === null || typeof node !== 'object') return node;
  const { $ref } = node as { $ref?: unknown };
  if (typeof $ref === 'string') {
    const name = $ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`${name} refers to itself: not inlined`);
    return resolved(document, document.components?.schemas?.[name], [...seen, name]);
  }
  const schema: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    schema[key] = EXAMPLE_KEYS.has(key) ? value : resolved(document, value, seen);
  }
  const { allOf, ...rest } = schema;
  if (Array.isArray(allOf) && allOf.length === 1) return { ...rest, ...(allOf[0] as Schema) };
  return schema;
}
