import { ResponseContract } from './support/response-contract.js';

/**
 * The check every e2e answer goes through (see test/support/response-contract.ts), against a
 * small document: it must refuse each kind of drift, or the suite would hold nothing.
 */
describe('the response contract check', () => {
  const contract = new ResponseContract({
    paths: {
      '/v1/things/{id}': {
        get: {
          operationId: 'thingsGet',
          responses: {
            '200': {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            '204': {},
            '404': {
              content: {
                'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          required: ['id', 'at'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            at: { type: 'string', format: 'date-time' },
            note: { type: 'string', nullable: true },
          },
        },
        Problem: {
          type: 'object',
          required: ['status'],
          properties: { status: { type: 'integer' } },
        },
      },
    },
  });
  const answer = (status: number, body: unknown, contentType = 'application/json') => ({
    method: 'GET',
    route: '/v1/things/:id',
    status,
    contentType: `${contentType}; charset=utf-8`,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const thing = { id: '0f0e8c57-2b1c-4f3c-9c55-3f1e4c3e2a10', at: '2026-03-02T09:00:00.000Z' };

  it('accepts an answer the document describes', () => {
    expect(contract.check(answer(200, thing))).toBeUndefined();
    expect(contract.check(answer(200, { ...thing, note: null }))).toBeUndefined();
    expect(contract.check(answer(204, undefined))).toBeUndefined();
    expect(
      contract.check(answer(404, { status: 404 }, 'application/problem+json')),
    ).toBeUndefined();
  });

  it('refuses a status the operation does not declare', () => {
    expect(contract.check(answer(409, { status: 409 }, 'application/problem+json'))).toMatch(
      /answered 409, which it does not declare/,
    );
  });

  it('refuses a content type the status does not declare', () => {
    expect(contract.check(answer(404, { status: 404 }))).toMatch(/answered application\/json/);
  });

  it('refuses a body that breaks its schema or carries an undocumented property', () => {
    expect(contract.check(answer(200, { ...thing, id: 'not-a-uuid' }))).toMatch(/\/id must match/);
    expect(contract.check(answer(200, { id: thing.id }))).toMatch(/required property 'at'/);
    expect(contract.check(answer(200, { ...thing, secret: 'x' }))).toMatch(/"secret"/);
  });

  it('refuses a body where the document declares none, and routes it does not know', () => {
    expect(contract.check(answer(204, thing))).toMatch(/declares no body/);
    expect(contract.check({ ...answer(200, thing), route: '/v1/other' })).toMatch(
      /not in the document/,
    );
  });
});
