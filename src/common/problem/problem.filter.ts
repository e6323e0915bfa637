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
    const retryAfter =
      exception instanceof HttpException ? headerOf(exception, 'retryAfter') : undefined;
    if (retryAfter) void reply.header('Retry-After', retryAfter);
    const challenge =
      exception instanceof HttpException ? headerOf(exception, 'wwwAuthenticate') : undefined;
    if (challenge) void reply.header('WWW-Authenticate', challenge);
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** A response header an exception carries in its body object (`retryAfter`, `wwwAuthenticate`). */
function headerOf(exception: HttpException, key: string): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'object' && response && key in response) {
    return String((response as Record<string, unknown>)[key]);
  }
  return undefined;
}
