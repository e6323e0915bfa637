import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem } from '../../common/problem/problem.js';
import type { BulkRowResultDto } from './dto/bulk-employees.dto.js';

/** A roster with rows that cannot be applied; nothing of it was. */
export class BulkRejectedError extends Error {
  constructor(readonly errors: BulkRowResultDto[]) {
    super('Some rows of the roster cannot be applied.');
  }
}

/**
 * Answers a refused roster as a 422 problem that also carries the refused rows (`results`, in
 * the shape of a successful answer's rows) and how many, so an HR system fixes every bad row at
 * once. Nothing about what the other rows would have done: nothing was.
 */
@Catch(BulkRejectedError)
export class BulkRejectedFilter implements ExceptionFilter {
  catch(error: BulkRejectedError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const count = error.errors.length;
    const body = {
      ...problem(
        422,
        `${count} row${count === 1 ? '' : 's'} cannot be applied (see results); nothing was changed.`,
      ),
      results: error.errors,
      summary: { errors: count },
    };
    void reply.status(422).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
