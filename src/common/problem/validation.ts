import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { clipped, type FieldError } from './problem.js';

/** The most field errors one problem lists: enough to fix a request, bounded for any input. */
export const MAX_FIELD_ERRORS = 100;

/** Thrown by the global validation pipe; the filter turns it into a problem with errors[]. */
export class RequestValidationException extends BadRequestException {
  readonly fieldErrors: FieldError[];

  constructor(fieldErrors: FieldError[]) {
    super('The request has fields that are missing, unknown or malformed.');
    this.fieldErrors = fieldErrors
      .slice(0, MAX_FIELD_ERRORS)
      .map(({ field, reason }) => ({ field: clipped(field), reason: clipped(reason) }));
  }
}

/** Flattens class-validator's nested errors into `{ field, reason }` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Whitelist and refuse unknown fields: a client that sends a field we do not know learns it at
 * once instead of wondering why it had no effect.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
