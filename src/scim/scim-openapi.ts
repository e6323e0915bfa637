import type { SchemaObject } from '@nestjs/swagger';
import type { ErrorDialect } from '../openapi/error-responses.js';
import {
  SCIM_BASE_PATH,
  SCIM_CONTENT_TYPE,
  SCIM_ENTERPRISE_USER,
  SCIM_ERROR,
  SCIM_LIST_RESPONSE,
  SCIM_MAX_RESULTS,
  SCIM_PATCH_OP,
  SCIM_SERVICE_PROVIDER_CONFIG,
  SCIM_USER,
} from './scim-schemas.js';

/**
 * The SCIM bodies this service reads and answers, as OpenAPI schemas (RFC 7643, RFC 7644): the
 * document names them under components, so a generated client types every SCIM route. Limits
 * are those scim-values.ts enforces.
 */

const text = (maxLength: number, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  maxLength,
  ...extra,
});
const instant = text(30, { format: 'date-time' });
const urn = (values: string[]): SchemaObject => ({ type: 'string', enum: values });

const USER_PROPERTIES: Record<string, SchemaObject> = {
  schemas: {
    type: 'array',
    items: urn([SCIM_USER, SCIM_ENTERPRISE_USER]),
    minItems: 1,
    maxItems: 2,
  },
  externalId: text(200, { description: 'The HR system’s id for the person.' }),
  userName: text(254, { format: 'email', description: 'The person’s sign-in email.' }),
  displayName: text(80),
  name: {
    type: 'object',
    properties: { formatted: text(80), givenName: text(80), familyName: text(80) },
  },
  emails: {
    type: 'array',
    maxItems: 10,
    items: {
      type: 'object',
      properties: {
        value: text(254, { format: 'email' }),
        type: text(20, { example: 'work' }),
        primary: { type: 'boolean' },
      },
    },
  },
  active: { type: 'boolean' },
  title: text(200),
  [SCIM_ENTERPRISE_USER]: {
    type: 'object',
    properties: { department: text(100) },
  },
};

/** A User as this service answers it. */
const ScimUser: SchemaObject = {
  type: 'object',
  description: 'A SCIM User (RFC 7643 §4.1) with the enterprise extension’s department.',
  required: ['schemas', 'id', 'userName', 'emails', 'active', 'meta'],
  properties: {
    ...USER_PROPERTIES,
    id: { type: 'string', format: 'uuid', maxLength: 36 },
    meta: {
      type: 'object',
      required: ['resourceType', 'created', 'lastModified', 'location'],
      properties: {
        resourceType: urn(['User']),
        created: instant,
        lastModified: instant,
        location: text(80, { example: '/scim/v2/Users/0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10' }),
      },
    },
  },
  example: {
    schemas: [SCIM_USER, SCIM_ENTERPRISE_USER],
    id: '0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10',
    externalId: 'WD-000123',
    userName: 'ana@acme.com',
    displayName: 'Ana Silva',
    name: { formatted: 'Ana Silva' },
    emails: [{ value: 'ana@acme.com', type: 'work', primary: true }],
    active: true,
    title: 'Engineer',
    [SCIM_ENTERPRISE_USER]: { department: 'Engineering' },
    meta: {
      resourceType: 'User',
      created: '2026-03-02T09:00:00.000Z',
      lastModified: '2026-03-02T09:00:00.000Z',
      location: '/scim/v2/Users/0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10',
    },
  },
};

/**
 * A User sent to create or replace one. Identity providers send attributes this service does
 * not keep (phone numbers, addresses...): they are read past, so the object stays open.
 */
const ScimUserRequest: SchemaObject = {
  type: 'object',
  description:
    'A SCIM User resource: `schemas` must include the core User schema and `userName` is the ' +
    'email; attributes not listed here are ignored.',
  required: ['schemas', 'userName'],
  properties: USER_PROPERTIES,
  additionalProperties: true,
  example: {
    schemas: [SCIM_USER, SCIM_ENTERPRISE_USER],
    externalId: 'WD-000123',
    userName: 'ana@acme.com',
    name: { givenName: 'Ana', familyName: 'Silva' },
    active: true,
    title: 'Engineer',
    [SCIM_ENTERPRISE_USER]: { department: 'Engineering' },
  },
};

const ScimListResponse: SchemaObject = {
  type: 'object',
  description: 'A page of Users (RFC 7644 §3.4.2), counted from startIndex 1.',
  required: ['schemas', 'totalResults', 'startIndex', 'itemsPerPage', 'Resources'],
  properties: {
    schemas: { type: 'array', items: urn([SCIM_LIST_RESPONSE]), minItems: 1, maxItems: 1 },
    totalResults: { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 },
    startIndex: { type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647 },
    itemsPerPage: { type: 'integer', format: 'int32', minimum: 0, maximum: SCIM_MAX_RESULTS },
    Resources: {
      type: 'array',
      maxItems: SCIM_MAX_RESULTS,
      items: { $ref: '#/components/schemas/ScimUser' },
    },
  },
};

const ScimPatchOp: SchemaObject = {
  type: 'object',
  description:
    'A SCIM PatchOp (RFC 7644 §3.5.2) on active, displayName, name, externalId, title and department.',
  required: ['schemas', 'Operations'],
  properties: {
    schemas: { type: 'array', items: urn([SCIM_PATCH_OP]), minItems: 1, maxItems: 1 },
    Operations: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['op'],
        properties: {
          op: { type: 'string', enum: ['add', 'replace', 'remove', 'Add', 'Replace', 'Remove'] },
          path: text(200, { example: 'active' }),
          value: {
            description: 'The new value, or an object of attributes when there is no path.',
          },
        },
      },
    },
  },
  example: {
    schemas: [SCIM_PATCH_OP],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  },
};

const ScimError: SchemaObject = {
  type: 'object',
  description: 'A SCIM error (RFC 7644 §3.12): every failure of a SCIM route.',
  required: ['schemas', 'status', 'detail'],
  properties: {
    schemas: { type: 'array', items: urn([SCIM_ERROR]), minItems: 1, maxItems: 1 },
    status: text(3, { pattern: '^[45][0-9]{2}$', example: '404' }),
    scimType: {
      type: 'string',
      enum: [
        'invalidFilter',
        'invalidSyntax',
        'invalidValue',
        'invalidPath',
        'noTarget',
        'mutability',
        'uniqueness',
      ],
    },
    detail: text(500),
  },
  example: { schemas: [SCIM_ERROR], status: '404', detail: 'No such member of the organisation.' },
};

const supported = (extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  required: ['supported'],
  properties: { supported: { type: 'boolean' }, ...extra },
});
const count: SchemaObject = { type: 'integer', format: 'int32', minimum: 0, maximum: 10_000_000 };

const ScimServiceProviderConfig: SchemaObject = {
  type: 'object',
  description: 'What this SCIM service supports (RFC 7643 §5).',
  required: ['schemas', 'patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'],
  properties: {
    schemas: {
      type: 'array',
      items: urn([SCIM_SERVICE_PROVIDER_CONFIG]),
      minItems: 1,
      maxItems: 1,
    },
    patch: supported(),
    bulk: supported({ maxOperations: count, maxPayloadSize: count }),
    filter: supported({ maxResults: count }),
    changePassword: supported(),
    sort: supported(),
    etag: supported(),
    authenticationSchemes: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        properties: {
          type: text(40),
          name: text(100),
          description: text(500),
          primary: { type: 'boolean' },
        },
      },
    },
    meta: {
      type: 'object',
      properties: { resourceType: urn(['ServiceProviderConfig']), location: text(80) },
    },
  },
};

/** The schemas above, to be put under the document's components. */
export const SCIM_COMPONENT_SCHEMAS: Record<string, SchemaObject> = {
  ScimUser,
  ScimUserRequest,
  ScimListResponse,
  ScimPatchOp,
  ScimError,
  ScimServiceProviderConfig,
};

const ref = (name: keyof typeof SCIM_COMPONENT_SCHEMAS) => ({
  $ref: `#/components/schemas/${name}`,
});

/** A SCIM body of this schema, for @ApiResponse and @ApiBody. */
export const scimContent = (name: keyof typeof SCIM_COMPONENT_SCHEMAS) => ({
  content: { [SCIM_CONTENT_TYPE]: { schema: ref(name) } },
});

/** SCIM routes answer errors as SCIM errors (RFC 7644 3.12), which the document says. */
export const SCIM_ERROR_DIALECT: ErrorDialect = {
  pathPrefix: SCIM_BASE_PATH,
  ...scimContent('ScimError'),
};
