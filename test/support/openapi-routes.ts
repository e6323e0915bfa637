import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';

/**
 * Every operation of the committed OpenAPI document (openapi/openapi.json), in a shape tests can
 * loop over: authorization matrices, hostile-input sweeps. Schemas come with every `$ref` and
 * `allOf` resolved, so a test never has to look anything up in `components`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The JSON Schema subset the document uses, every `$ref` resolved. */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  description?: string;
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface RequestBody {
  required: boolean;
  /** In the document's order; JSON first for every JSON route. */
  contentTypes: string[];
  schema: JsonSchema;
}

/**
 * Who may call an operation. `public`: no token at all. Otherwise a person's access token when
 * `bearer`, and an HR system's client-credentials token holding one of `clientScopes` (empty:
 * clients are refused with 403).
 */
export interface OperationSecurity {
  public: boolean;
  bearer: boolean;
  clientScopes: string[];
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path template, e.g. `/v1/orgs/{orgId}/employees`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: RequestBody;
  security: OperationSecurity;
}

const DOCUMENT_PATH = resolve(PROJECT_ROOT, 'openapi/openapi.json');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface RawSchema extends Omit<JsonSchema, 'properties' | 'items' | 'oneOf'> {
  $ref?: string;
  allOf?: RawSchema[];
  properties?: Record<string, RawSchema>;
  items?: RawSchema;
  oneOf?: RawSchema[];
}

interface RawOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: RawSchema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: RawSchema }> };
  security?: Array<Record<string, string[]>>;
}

interface RawDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, RawSchema> };
}

let cached: Operation[] | undefined;

/** Every operation of the committed document, in its order. */
export function operations(): Operation[] {
  cached ??= readOperations(JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as RawDocument);
  return cached;
}

/** The operation with this method and path template; throws when the document has none. */
export function operation(method: HttpMethod, path: string): Operation {
  const found = operations().find((op) => op.method === method && op.path === path);
  if (!found) throw new Error(`openapi.json has no ${method} ${path}`);
  return found;
}

/** `/v1/orgs/{orgId}` with `{ orgId: 'x' }` -> `/v1/orgs/x`, each value URL-encoded. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

function readOperations(document: RawDocument): Operation[] {
  const resolveSchema = schemaResolver(document.components?.schemas ?? {});
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method.toLowerCase()]).map((method) => {
      const raw = item[method.toLowerCase()];
      const parameters = (where: string): Parameter[] =>
        (raw.parameters ?? [])
          .filter((parameter) => parameter.in === where)
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required ?? where === 'path',
            schema: resolveSchema(parameter.schema ?? {}),
          }));
      const content = raw.requestBody?.content ?? {};
      const contentTypes = Object.keys(content);
      return {
        operationId: raw.operationId,
        method,
        path,
        pathParams: parameters('path'),
        queryParams: parameters('query'),
        body:
          contentTypes.length > 0
            ? {
                required: raw.requestBody?.required ?? false,
                contentTypes,
                schema: resolveSchema(content[contentTypes[0]].schema ?? {}),
              }
            : undefined,
        security: securityOf(raw.security),
      };
    }),
  );
}

function securityOf(requirements: RawOperation['security']): OperationSecurity {
  if (!requirements || requirements.length === 0) {
    return { public: true, bearer: false, clientScopes: [] };
  }
  return {
    public: requirements.some((requirement) => Object.keys(requirement).length === 0),
    bearer: requirements.some((requirement) => 'bearer' in requirement),
    clientScopes: requirements.flatMap((requirement) => requirement['hr-client-credentials'] ?? []),
  };
}

/** Resolves `$ref` and merges `allOf`, recursively (the document has no cycles). */
function schemaResolver(components: Record<string, RawSchema>) {
  const resolveSchema = (schema: RawSchema, depth = 0): JsonSchema => {
    if (depth > 32) throw new Error('schema nested too deep: a $ref cycle?');
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const target = components[name];
      if (!target) throw new Error(`unknown schema ${schema.$ref}`);
      return resolveSchema(target, depth + 1);
    }
    const { $ref: _ref, allOf, properties, items, oneOf, additionalProperties, ...own } = schema;
    let resolved: JsonSchema = { ...own };
    for (const part of allOf ?? []) resolved = { ...resolveSchema(part, depth + 1), ...resolved };
    if (properties) {
      resolved.properties = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, resolveSchema(value, depth + 1)]),
      );
    }
    if (items) resolved.items = resolveSchema(items, depth + 1);
    if (oneOf) resolved.oneOf = oneOf.map((part) => resolveSchema(part, depth + 1));
    if (additionalProperties !== undefined) {
      resolved.additionalProperties =
        typeof additionalProperties === 'object'
          ? resolveSchema(additionalProperties as RawSchema, depth + 1)
          : additionalProperties;
    }
    return resolved;
  };
  return resolveSchema;
}

/** Strings tried, in order, for a pattern that has no example. */
const PATTERN_CANDIDATES = ['a', 'ab', 'abc', 'abc-def', 'en', 'A1', '09:00', '2027-12-24'];

/**
 * A value that looks valid for `schema`: its example or default when it has one, else the
 * smallest value its type, format, pattern and bounds allow. Objects get their required
 * properties only. Valid-looking, not valid: cross-field rules (a free slot, a department of the
 * organisation) are not known here. `variant` makes array items differ (unique items).
 */
export function exampleOf(schema: JsonSchema, variant = 0): unknown {
  if (schema.example !== undefined && variant === 0) return schema.example;
  if (schema.default !== undefined && variant === 0) return schema.default;
  if (schema.enum) return schema.enum[variant % schema.enum.length];
  if (schema.oneOf?.length) return exampleOf(schema.oneOf[0], variant);
  switch (schema.type) {
    case 'string':
      return exampleString(schema, variant);
    case 'number':
    case 'integer': {
      const low = schema.minimum ?? Math.min(1, schema.maximum ?? 1);
      return Math.min(low + variant, schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: count }, (_, index) => exampleOf(schema.items ?? {}, index));
    }
    default:
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, exampleOf(schema.properties?.[key] ?? {})]),
      );
  }
}

function exampleString(schema: JsonSchema, variant: number): string {
  const suffix = variant === 0 ? '' : String(variant);
  switch (schema.format) {
    case 'uuid':
      return `00000000-0000-4000-8000-${String(variant).padStart(12, '0')}`;
    case 'email':
      return `person${suffix}@example.org`;
    case 'date-time':
      return new Date(Date.UTC(2027, 2, 26, 8 + variant)).toISOString();
    case 'uri':
      return `https://example.org/${suffix}`;
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const fits = PATTERN_CANDIDATES.map((candidate) => `${candidate}${suffix}`).find(
      (candidate) => pattern.test(candidate) && candidate.length >= (schema.minLength ?? 0),
    );
    if (fits) return fits;
  }
  return `${'x'.repeat(Math.max(schema.minLength ?? 1, 1))}${suffix}`.slice(
    0,
    schema.maxLength ?? Number.MAX_SAFE_INTEGER,
  );
}
