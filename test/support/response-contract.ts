import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../../src/project-root.js';

/**
 * Holds every answer an e2e test receives to the committed OpenAPI document
 * (openapi/openapi.json): the path and method must be documented, the status declared for that
 * operation, the content type declared for that status, and the body valid against its schema
 * with no undocumented property. A generated client is only as good as this agreement.
 *
 * Test apps install it as a Fastify hook (startTestApp); each disagreement is kept and the app's
 * close() fails the spec with all of them, naming the request that showed it.
 */

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
type Document = {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
};

const DOCUMENT_PATH = resolve(PROJECT_ROOT, 'openapi/openapi.json');

let committed: Document | undefined;
/**
 * The committed document, read once per test file. Test apps also write the hot routes'
 * answers from it (configureHttpApp's `responseContract`). Never changed in place.
 */
export function committedOpenApiDocument(): Document {
  committed ??= JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as Document;
  return committed;
}

/**
 * Routes outside the contract: probes, the document itself, Swagger UI, Bull Board, and the
 * test-only routes some specs mount beside the application (test/support/probe.controller.ts).
 */
const UNDOCUMENTED = [
  /^\/health(\/|$)/,
  /^\/openapi\.json$/,
  /^\/docs(\/|$)/,
  /^\/admin\/queues/,
  /^\/v1\/probe(\/|$)/,
];

// ajv-formats is CommonJS with a default export; under ESM it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv;

export class ResponseContract {
  private readonly document: Document;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document?: Document) {
    this.document = document ?? committedOpenApiDocument();
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(
      { components: closeObjects(structuredClone(this.document.components ?? {})) },
      'openapi',
    );
  }

  /**
   * What is wrong with one answer, or undefined when it agrees with the document. `route` is the
   * matched route's template in Fastify's form (`/v1/mood/:id`).
   */
  check(answer: {
    method: string;
    route: string | undefined;
    status: number;
    contentType: string | undefined;
    body: string | Buffer | undefined;
  }): string | undefined {
    const method = answer.method.toLowerCase();
    if (method === 'head' || method === 'options' || answer.route === undefined) return undefined;
    const path = answer.route.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/\*$/, '');
    if (UNDOCUMENTED.some((pattern) => pattern.test(path))) return undefined;
    const operation = this.document.paths[path]?.[method];
    if (!operation) return `${method.toUpperCase()} ${path} is not in the document`;
    const response = operation.responses[String(answer.status)];
    if (!response) {
      return `${operation.operationId} answered ${answer.status}, which it does not declare`;
    }
    const length = answer.body === undefined ? 0 : answer.body.length;
    const declared = Object.keys(response.content ?? {});
    if (declared.length === 0) {
      return length === 0
        ? undefined
        : `${operation.operationId} ${answer.status} declares no body but answered one`;
    }
    const mediaType = answer.contentType?.split(';')[0].trim().toLowerCase();
    if (!mediaType || !declared.includes(mediaType)) {
      return `${operation.operationId} ${answer.status} answered ${mediaType ?? 'no content type'}; the document declares ${declared.join(', ')}`;
    }
    if (!/json$/.test(mediaType) || length === 0) return undefined;
    const validate = this.validator(path, method, answer.status, mediaType);
    if (!validate) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(answer.body!.toString());
    } catch {
      return `${operation.operationId} ${answer.status} answered ${mediaType} that is not JSON`;
    }
    if (validate(body)) return undefined;
    const problems = (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '(body)'} ${error.message}${paramsOf(error.params)}`)
      .join('; ');
    return `${operation.operationId} ${answer.status} body does not match its schema: ${problems}`;
  }

  private validator(
    path: string,
    method: string,
    status: number,
    mediaType: string,
  ): ValidateFunction | undefined {
    const key = `${method} ${path} ${status} ${mediaType}`;
    if (this.validators.has(key)) return this.validators.get(key);
    const schema =
      this.document.paths[path][method].responses[String(status)].content![mediaType].schema;
    if (!schema) return undefined;
    const validate = this.ajv.compile(closeObjects(structuredClone(schema)) as object);
    this.validators.set(key, validate);
    return validate;
  }
}

function paramsOf(params: Record<string, unknown>): string {
  const extra = params.additionalProperty ?? params.allowedValues ?? params.format;
  return extra === undefined ? '' : ` (${JSON.stringify(extra)})`;
}

/**
 * An object schema that lists its properties and says nothing of others is closed here: a
 * property the document does not name is drift, which a typed client would never see.
 * `$ref`s are pointed at the components registered under the id `openapi`.
 */
function closeObjects<T>(schema: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string' && record.$ref.startsWith('#/components/')) {
      record.$ref = `openapi${record.$ref}`;
    }
    // OpenAPI 3.0 writes a nullable reference as `nullable` beside `allOf: [$ref]`; JSON Schema
    // (ajv) reads `nullable` only with `type`, so say "this or null" in its words.
    if (record.nullable === true && (record.allOf || record.$ref)) {
      const { nullable: _nullable, type: _type, ...rest } = record;
      for (const key of Object.keys(record)) delete record[key];
      record.anyOf = [rest, { type: 'null' }];
    }
    if (
      record.properties &&
      typeof record.properties === 'object' &&
      record.additionalProperties === undefined &&
      record.allOf === undefined
    ) {
      record.additionalProperties = false;
    }
    Object.values(record).forEach(visit);
  };
  visit(schema);
  return schema;
}

/** Adds the check to a Fastify instance; disagreements are pushed to `violations`. */
export function recordResponseViolations(
  fastify: FastifyInstance,
  violations: string[],
  contract = sharedContract(),
): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined;
    const violation = contract.check({
      method: request.method,
      route: request.routeOptions?.url,
      status: reply.statusCode,
      contentType: reply.getHeader('content-type') as string | undefined,
      body,
    });
    if (violation) violations.push(`${request.method} ${request.url}: ${violation}`);
    return payload;
  });
}

let shared: ResponseContract | undefined;
function sharedContract(): ResponseContract {
  shared ??= new ResponseContract();
  return shared;
}
