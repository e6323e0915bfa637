import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../common/problem/to-problem.js';
import { SCIM_CONTENT_TYPE, SCIM_ERROR, ScimError, type ScimType } from './scim-schemas.js';

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR];
  /** The HTTP status, as a string (RFC 7644 §3.12). */
  status: string;
  scimType?: ScimType;
  detail: string;
}

/**
 * The SCIM error of any failure. Other failures are read as the rest of the API reads them
 * (toProblem), then put in SCIM's words: SCIM has no 422, so a refused value is 400
 * invalidValue; a conflict is 409 uniqueness.
 */
export function toScimError(exception: unknown): ScimErrorBody {
  const body = (status: number, detail: string, scimType?: ScimType): ScimErrorBody => ({
    schemas: [SCIM_ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  });
  if (exception instanceof ScimError) {
    return body(exception.status, exception.message, exception.scimType);
  }
  const problem = toProblem(exception);
  const detail = problem.detail ?? problem.title;
  if (problem.status === 422) return body(400, detail, 'invalidValue');
  if (problem.status === 409) return body(409, detail, 'uniqueness');
  return body(problem.status, detail);
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
