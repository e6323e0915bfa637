import type { SchemaObject } from '@nestjs/swagger';
import { MAX_PROBLEM_TEXT, PROBLEM_CONTENT_TYPE } from './problem.js';
import { MAX_FIELD_ERRORS } from './validation.js';

/** RFC 9457: the body of every failure outside SCIM and the OAuth token endpoint. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      maxLength: 200,
      description: 'A stable URI per kind of failure; branch on it, not on the title.',
      example: 'https://mindfulme.app/problems/bad-request',
    },
    title: { type: 'string', maxLength: 100, example: 'Bad Request' },
    status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599, example: 400 },
    detail: {
      type: 'string',
      maxLength: MAX_PROBLEM_TEXT,
      example: 'The request has fields that are missing, unknown or malformed.',
    },
    instance: { type: 'string', maxLength: 200 },
    errors: {
      type: 'array',
      maxItems: MAX_FIELD_ERRORS,
      description: 'For validation failures: each field and why it was refused.',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: {
          field: { type: 'string', maxLength: MAX_PROBLEM_TEXT, example: 'moodScore' },
          reason: {
            type: 'string',
            maxLength: MAX_PROBLEM_TEXT,
            example: 'moodScore must not be greater than 10',
          },
        },
      },
    },
  },
};

/**
 * A problem document that carries more than the standard members (a refused roster's rows),
 * for an operation's own @ApiResponse.
 */
export function problemContentWith(properties: Record<string, SchemaObject | { $ref: string }>) {
  return {
    [PROBLEM_CONTENT_TYPE]: {
      schema: {
        ...PROBLEM_SCHEMA,
        properties: { ...PROBLEM_SCHEMA.properties, ...properties },
      },
    },
  };
}
