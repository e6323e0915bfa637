import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../problem/problem.js';
import { RequestValidationException } from '../problem/validation.js';

/**
 * The deepest a request's JSON may nest. Our deepest DTO is 5 levels and free-form JSON
 * (preferences) is small; class-transformer recurses per level and overflows the stack at a few
 * thousand levels, which would answer 500.
 */
export const MAX_INPUT_DEPTH = 32;

/** A UTF-16 surrogate without its other half: text that has no UTF-8 form. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textFault(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be valid Unicode (it has an unpaired surrogate)';
  return undefined;
}

/**
 * The first part of `value` no handler should see: nesting deeper than `maxDepth`, or text
 * (values or keys) that PostgreSQL cannot store (NUL) or that is not Unicode at all (unpaired
 * surrogates, which also make validator.js throw). Walks without recursing.
 */
export function findInputFault(value: unknown, maxDepth = MAX_INPUT_DEPTH): FieldError | undefined {
  const pending: Array<{ node: unknown; path: string; depth: number }> = [
    { node: value, path: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { node, path, depth } = pending.pop()!;
    if (typeof node === 'string') {
      const reason = textFault(node);
      if (reason) return { field: path, reason };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) {
      return { field: path, reason: `must not nest more than ${maxDepth} levels` };
    }
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${key}` : key;
      const reason = textFault(key);
      if (reason) return { field: childPath, reason: `has a key that ${reason}` };
      pending.push({ node: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Refuses, with 400 and before any validation or handler, path parameters, queries and bodies
 * that `findInputFault` finds fault with: so hostile text answers a problem, not a database
 * error.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const fault = findInputFault(part);
      if (fault) throw new RequestValidationException([fault]);
    }
  });
}
