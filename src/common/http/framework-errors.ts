import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.js';
import { toProblem } from '../problem/to-problem.js';

/**
 * What the router refuses before any hook or Nest handler runs (a malformed percent-encoding,
 * a path parameter over the length limit), answered as a problem document like every other
 * failure instead of Fastify's own JSON. (Nest's default handler here only adds the headers of
 * its own `useSecurityHeaders()`, which this service does not use: helmet sets them.)
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = toProblem(error);
  void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}
