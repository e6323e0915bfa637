import { NotFoundException } from '@nestjs/common';
import pg from 'pg';
import { Prisma } from '../../generated/prisma/client.js';
import { DomainError, isDatabaseUnavailable, toProblem } from './to-problem.js';
import { RequestValidationException } from './validation.js';

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('db said no', { code, clientVersion: 'test', meta });

describe('toProblem', () => {
  it('maps Prisma unique, not-found and foreign-key errors', () => {
    expect(toProblem(prismaError('P2002')).status).toBe(409);
    expect(toProblem(prismaError('P2025')).status).toBe(404);
    expect(toProblem(prismaError('P2003')).status).toBe(409);
  });

  it('maps PostgreSQL exclusion and CHECK violations passed on by the pg adapter', () => {
    const driver = (originalCode: string) => ({ driverAdapterError: { cause: { originalCode } } });
    expect(toProblem(prismaError('P2010', driver('23P01'))).status).toBe(409);
    expect(toProblem(prismaError('P2010', driver('23514'))).status).toBe(422);
  });

  it('answers a lost race (deadlock, serialization failure) 409 and a busy database 503', () => {
    const driver = (originalCode: string) => ({ driverAdapterError: { cause: { originalCode } } });
    expect(toProblem(prismaError('P2034')).status).toBe(409);
    expect(toProblem(prismaError('P2010', driver('40P01'))).status).toBe(409);
    expect(toProblem(prismaError('P2010', driver('40001'))).status).toBe(409);
    expect(toProblem(prismaError('P2028')).status).toBe(503);
    expect(toProblem(prismaError('P2010', driver('42601'))).status).toBe(500);
  });

  it('answers errors of statements run on the pool as it answers the same codes from Prisma', () => {
    const postgres = (code: string) =>
      Object.assign(new pg.DatabaseError('db said no', 1, 'error'), { code });
    expect(toProblem(postgres('23514')).status).toBe(422);
    expect(toProblem(postgres('23P01')).status).toBe(409);
    expect(toProblem(postgres('40001')).status).toBe(409);
    expect(toProblem(postgres('57P01')).status).toBe(503);
    expect(toProblem(postgres('22P02')).status).toBe(500);
  });

  it('keeps field errors of a validation failure', () => {
    const problem = toProblem(
      new RequestValidationException([{ field: 'moodScore', reason: 'too big' }]),
    );
    expect(problem).toMatchObject({
      status: 400,
      errors: [{ field: 'moodScore', reason: 'too big' }],
    });
  });

  it('carries the words of HTTP and domain errors, never those of unexpected ones', () => {
    expect(toProblem(new NotFoundException('No such journal.'))).toMatchObject({
      status: 404,
      detail: 'No such journal.',
    });
    expect(toProblem(new DomainError(409, 'Slot taken.'))).toMatchObject({
      status: 409,
      detail: 'Slot taken.',
    });
    const unexpected = toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(unexpected.status).toBe(500);
    expect(JSON.stringify(unexpected)).not.toMatch(/hunter2|db\.ts/);
  });

  it('maps Fastify body errors to 413 and 400', () => {
    expect(toProblem({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }).status).toBe(413);
    expect(toProblem({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }).status).toBe(400);
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises a database that went away, and nothing else', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('shutdown'), { code: '57P01' }))).toBe(
      true,
    );
    expect(toProblem(new Error('Connection terminated unexpectedly')).status).toBe(503);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('check'), { code: '23514' }))).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
  });
});

describe('problem text quoting what a client sent', () => {
  it('is cut to the documented length, never echoed whole', () => {
    const longName = 'x'.repeat(5000);
    const fromValidation = toProblem(
      new RequestValidationException([
        { field: longName, reason: `property ${longName} should not exist` },
      ]),
    );
    expect(fromValidation.errors?.[0].field).toHaveLength(1000);
    expect(fromValidation.errors?.[0].reason).toHaveLength(1000);
    const fromMessage = toProblem(new NotFoundException(`No such thing: ${longName}`));
    expect(fromMessage.detail).toHaveLength(1000);
  });
});
