import { HttpException } from '@nestjs/common';
import pg from 'pg';
import { Prisma } from '../../generated/prisma/client.js';
import { type Problem, problem } from './problem.js';
import { RequestValidationException } from './validation.js';

/** A domain rule broken by a request; carries the status and a message for the client. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** PostgreSQL's own codes for the constraints the schema declares by hand. */
const PG_CHECK_VIOLATION = '23514';
const PG_EXCLUSION_VIOLATION = '23P01';
/** Serialization failure and deadlock: a concurrent request won; the same request may pass now. */
const PG_CONCURRENCY_FAILURES = new Set(['40001', '40P01']);

/** Prisma's codes for "the database cannot be reached or went away". */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Socket-level codes, and PostgreSQL's connection (08) and shutdown (57P0x) classes. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const CONNECTION_MESSAGE =
  /Connection terminated|Server has closed the connection|Can't reach database server|timeout exceeded when trying to connect/i;

/**
 * Whether `error` says the database is unreachable (restarting, network gone), rather than
 * that the request was wrong or the code is: those are 503, worth retrying, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (error instanceof Prisma.PrismaClientKnownRequestError && PRISMA_UNAVAILABLE.has(error.code))
    return true;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const pgCode = postgresCodeOf(error) ?? (typeof code === 'string' ? code : undefined);
  if (pgCode && (CONNECTION_CODES.has(pgCode) || /^(08|57P0)/.test(pgCode))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGE.test(message);
}

/** Maps any thrown value to the problem document a client sees. */
export function toProblem(exception: unknown): Problem {
  if (isDatabaseUnavailable(exception)) {
    return problem(503, 'The service cannot reach its database right now. Try again shortly.');
  }
  if (exception instanceof RequestValidationException) {
    return problem(400, exception.message, { errors: exception.fieldErrors });
  }
  if (exception instanceof DomainError) return problem(exception.status, exception.message);
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof Prisma.PrismaClientKnownRequestError) return fromPrisma(exception);
  // The hot routes' statements go through the pool (PoolStatement), not Prisma.
  if (exception instanceof pg.DatabaseError) return fromPostgres(exception.code);
  const fastify = fromFastify(exception);
  if (fastify) return fastify;
  return problem(500, 'Something went wrong on our side. It has been logged.');
}

function fromHttpException(exception: HttpException): Problem {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : ((response as { message?: unknown }).message ?? exception.message);
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  // A 500 never says why (internals); other statuses carry our own words.
  return problem(status, status === 500 ? undefined : detail);
}

/**
 * Prisma's error codes, mapped once: https://www.prisma.io/docs/orm/reference/error-reference.
 * Driver-adapter errors carry the PostgreSQL code in `meta.driverAdapterError` when Prisma has
 * no code of its own for it (CHECK and exclusion violations).
 */
function fromPrisma(error: Prisma.PrismaClientKnownRequestError): Problem {
  switch (error.code) {
    case 'P2002':
      return problem(409, 'A record with the same unique value already exists.');
    case 'P2025':
    case 'P2001':
      return problem(404, 'The record does not exist.');
    case 'P2003':
      return problem(409, 'The request refers to a record that does not exist or is still in use.');
    case 'P2000':
      return problem(400, 'A value is too long for its field.');
    case 'P2034':
      return concurrentChange();
    case 'P2028':
      return problem(503, 'The service is too busy to finish this request now. Try again shortly.');
    default:
      return fromPostgres(postgresCodeOf(error));
  }
}

/**
 * A PostgreSQL error, the same whether Prisma ran the statement (and passed the code on) or the
 * pool did: the codes a request can meet, the rest 500.
 */
function fromPostgres(pgCode: string | undefined): Problem {
  if (pgCode && PG_CONCURRENCY_FAILURES.has(pgCode)) return concurrentChange();
  if (pgCode === PG_EXCLUSION_VIOLATION) {
    return problem(409, 'The request overlaps an existing record.');
  }
  if (pgCode === PG_CHECK_VIOLATION) {
    return problem(422, 'A value is outside the range the service accepts.');
  }
  return problem(500, 'Something went wrong on our side. It has been logged.');
}

function concurrentChange(): Problem {
  return problem(409, 'A concurrent request changed the same records; send this one again.');
}

/** The PostgreSQL SQLSTATE behind a Prisma error, when the pg adapter passed it on. */
export function postgresCodeOf(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } })
    .meta;
  return meta?.driverAdapterError?.cause?.originalCode;
}

/** Errors Fastify raises before a handler runs (body parsing, size, content type). */
function fromFastify(exception: unknown): Problem | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code, message } = exception as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problem(
      413,
      'The request body is larger than this route accepts (1 MB for most routes).',
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return problem(415, 'Send the body as application/json.');
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return problem(400, 'The body is empty but the content type says JSON.');
  }
  if (typeof code === 'string' && code.startsWith('FST_ERR_CTP')) {
    return problem(400, 'The request body is not valid JSON.');
  }
  return problem(statusCode, typeof message === 'string' ? message : undefined);
}
