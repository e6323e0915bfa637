import type { OpenAPIObject } from '@nestjs/swagger';
import { withFormatLimits } from './format-limits.js';

const documentWith = (
  schemas: Record<string, unknown>,
  paths: Record<string, unknown> = {},
): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths,
    components: { schemas },
  }) as OpenAPIObject;

describe('withFormatLimits', () => {
  it('bounds uuid, date-time, date and email strings by what the format allows', () => {
    const document = withFormatLimits(
      documentWith({
        Thing: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            at: { type: 'string', format: 'date-time', nullable: true },
            day: { type: 'string', format: 'date' },
            email: { type: 'string', format: 'email' },
          },
        },
      }),
    );
    expect(document.components?.schemas?.Thing).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid', maxLength: 36 },
        at: { type: 'string', format: 'date-time', nullable: true, maxLength: 35 },
        day: { type: 'string', format: 'date', maxLength: 10 },
        email: { type: 'string', format: 'email', maxLength: 254 },
      },
    });
  });

  it('reaches parameters, headers and nested items, and keeps a declared maxLength', () => {
    const document = withFormatLimits(
      documentWith(
        {
          Ids: { type: 'array', maxItems: 5, items: { type: 'string', format: 'uuid' } },
          Scim: { type: 'string', format: 'date-time', maxLength: 30 },
        },
        {
          '/things/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', schema: { type: 'string', format: 'uuid' } }],
              responses: {
                '200': {
                  description: 'ok',
                  headers: { Expires: { schema: { type: 'string', format: 'date-time' } } },
                },
              },
            },
          },
        },
      ),
    );
    expect(document.components?.schemas?.Ids).toMatchObject({ items: { maxLength: 36 } });
    expect(document.components?.schemas?.Scim).toMatchObject({ maxLength: 30 });
    expect(document.paths['/things/{id}'].get).toMatchObject({
      parameters: [{ schema: { maxLength: 36 } }],
      responses: { '200': { headers: { Expires: { schema: { maxLength: 35 } } } } },
    });
  });

  it('leaves other formats, non-strings and examples alone', () => {
    const document = withFormatLimits(
      documentWith({
        Url: { type: 'string', format: 'uri' },
        Count: { type: 'integer', format: 'int32' },
        Sample: {
          type: 'object',
          example: { value: { type: 'string', format: 'uuid' } },
        },
      }),
    );
    expect(document.components?.schemas).toEqual({
      Url: { type: 'string', format: 'uri' },
      Count: { type: 'integer', format: 'int32' },
      Sample: { type: 'object', example: { value: { type: 'string', format: 'uuid' } } },
    });
  });
});
