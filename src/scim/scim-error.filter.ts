import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../common/problem/problem.js';
import { toProblem } from '../common/problem/to-problem.js';
import {
  SCIM_BASE_PATH,
  SCIM_CONTENT_TYPE,
  SCIM_ERROR,
  ScimError,
  type ScimType,
} from './scim-schemas.js';

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR];
  /** The HTTP status, as a string (RFC 7644 §3.12). */
  status: string;
  scimType?: ScimType;
  detail: string;
}

const scimErrorBody = (status: number, detail: string, scimType?: ScimType): ScimErrorBody => ({
  schemas: [SCIM_ERROR],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

/**
 * The SCIM error of any failure. Other failures are read as the rest of the API reads them
 * (toProblem), then put in SCIM's words: SCIM has no 422, so a refused value is 400
 * invalidValue; a conflict is 409 uniqueness.
 */
export function toScimError(exception: unknown): ScimErrorBody {
  if (exception instanceof ScimError) {
    return scimErrorBody(exception.status, exception.message, exception.scimType);
  }
  return scimErrorOf(toProblem(exception));
}

/** A problem document in SCIM's words. */
export function scimErrorOf(problem: Problem): ScimErrorBody {
  const detail = problem.detail ?? problem.title;
  if (problem.status === 422) return scimErrorBody(400, detail, 'invalidValue');
  if (problem.status === 409) return scimErrorBody(409, detail, 'uniqueness');
  return scimErrorBody(problem.status, detail);
}

/**
 * Failures answered before a SCIM controller runs (a body that is too large or not JSON, input
 * the input guard refuses) come from the global problem filter; on SCIM paths they are put in
 * SCIM's words here, so an identity provider meets one error format on every SCIM answer.
 */
export function registerScimErrorDialect(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (
      !request.url.startsWith(`${SCIM_BASE_PATH}/`) ||
      !contentType.startsWith(PROBLEM_CONTENT_TYPE)
    ) {
      return payload;
    }
    const problem = JSON.parse(String(payload)) as Problem;
    void reply.header('Content-Type', SCIM_CONTENT_TYPE);
    return JSON.stringify(scimErrorOf(problem));
  });
}

/** Answers every failure of the SCIM routes as a SCIM error, not a problem document. */
@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ScimErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const body = toScimError(exception);
    const status = Number(body.status);
    if (status >= 500) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      const request = context.getRequest<FastifyRequest>();
      this.logger.error({ err: error, requestId: request?.id }, 'Unhandled error');
    }
    void reply.status(status).header('Content-Type', SCIM_CONTENT_TYPE).send(body);
  }
}
