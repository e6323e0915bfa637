import type { OpenAPIObject } from '@nestjs/swagger';
import fastJson from 'fast-json-stringify';
import { responseSchemasOf } from './response-serialization.js';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': { content: { 'application/problem+json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/v1/things': { delete: { responses: { '204': { description: 'gone' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          at: { type: 'string', format: 'date-time' },
          best: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Part' }] },
          parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } },
          note: { type: 'string', nullable: true, example: { $ref: 'sample data, left alone' } },
        },
        required: ['id', 'at', 'best', 'parts', 'note'],
      },
      Part: {
        type: 'object',
        properties: { score: { type: 'number' } },
        required: ['score'],
      },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
    },
  },
} as unknown as OpenAPIObject;

describe('responseSchemasOf', () => {
  it('answers the 2xx JSON schemas of the route, references inlined, for GET and HEAD', () => {
    const schemas = responseSchemasOf(document, 'GET', '/v1/things/:id');
    expect(Object.keys(schemas)).toEqual(['200']);
    expect(schemas['200']).toMatchObject({
      properties: {
        best: { nullable: true, type: 'object', properties: { score: { type: 'number' } } },
        parts: { items: { required: ['score'] } },
        note: { example: { $ref: 'sample data, left alone' } },
      },
    });
    expect(responseSchemasOf(document, 'HEAD', '/v1/things/:id')).toEqual(schemas);
  });

  it('serialises what the document declares and nothing else, nulls and dates included', () => {
    const stringify = fastJson(responseSchemasOf(document, 'GET', '/v1/things/:id')['200']);
    const at = new Date('2026-03-01T10:00:00.123Z');
    const thing = { id: 'i', at, best: null, parts: [{ score: 7, extra: 1 }], note: null };
    expect(JSON.parse(stringify({ ...thing, secret: 'x' }))).toEqual(
      JSON.parse(JSON.stringify({ ...thing, parts: [{ score: 7 }] })),
    );
    expect(JSON.parse(stringify({ ...thing, best: { score: 2.5 } })).best).toEqual({ score: 2.5 });
    expect(() => stringify({ ...thing, at: undefined })).toThrow(/at/);
  });

  it('refuses a route the document has no JSON answer for, and a schema that refers to itself', () => {
    expect(() => responseSchemasOf(document, 'DELETE', '/v1/things')).toThrow(/no JSON answer/);
    expect(() => responseSchemasOf(document, 'GET', '/v1/unknown')).toThrow(/no JSON answer/);
    const looping = structuredClone(document) as unknown as {
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
    };
    looping.paths['/v1/things/{id}'].get.responses['200'] = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Loop' } } },
    };
    expect(() =>
      responseSchemasOf(looping as unknown as OpenAPIObject, 'GET', '/v1/things/:id'),
    ).toThrow(/refers to itself/);
  });
});
