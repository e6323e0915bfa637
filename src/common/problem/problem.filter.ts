import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
import { toProblem } from './to-problem.js';

/**
 * The one place where failures become responses: every error, from Nest, Fastify, Prisma or
 * our own code, answers `application/problem+json`. Unexpected errors are logged with their
 * stack and answered 500 with nothing of their internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    const body: Problem = toProblem(exception);
    if (body.status >= 500) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ err: error, requestId: request?.id }, 'Unhandled error');
    }
    for (const [name, value] of Object.entries(headersOf(exception)))
      void reply.header(name, value);
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/**
 * Response headers an exception carries in its body object as `headers` (Retry-After and
 * RateLimit on a 429, WWW-Authenticate on a 401); none of them goes into the problem document.
 */
function headersOf(exception: unknown): Record<string, string> {
  if (!(exception instanceof HttpException)) return {};
  const response = exception.getResponse();
  const headers =
    typeof response === 'object' && response && 'headers' in response
      ? (response as { headers: unknown }).headers
      : undefined;
  if (typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
