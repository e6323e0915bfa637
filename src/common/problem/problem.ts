import { STATUS_CODES } from 'node:http';

/** One reason a field was refused. */
export interface FieldError {
  /** Dotted path of the field in the request, e.g. `tags.3` or `moodScore`. */
  field: string;
  reason: string;
}

/** An RFC 9457 problem document, the body of every failure this service answers. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://mindfulme.app/problems/';

/**
 * The problem type of a status: a stable URI per kind of failure, so clients can branch on it
 * without parsing titles. Known slugs are documented in the README.
 */
export function problemType(slug: string): string {
  return `${TYPE_BASE}${slug}`;
}

const SLUG_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  429: 'too-many-requests',
  500: 'internal-error',
  503: 'service-unavailable',
};

/**
 * The longest `detail`, field path or reason a problem carries: a message may quote what the
 * client sent (an unknown field's name, a refused value), which is cut here, not echoed whole.
 */
export const MAX_PROBLEM_TEXT = 1000;

export const clipped = (text: string) =>
  text.length > MAX_PROBLEM_TEXT ? `${text.slice(0, MAX_PROBLEM_TEXT - 1)}…` : text;

export function problem(
  status: number,
  detail?: string,
  extra: Partial<Omit<Problem, 'status'>> = {},
): Problem {
  return {
    type: problemType(SLUG_BY_STATUS[status] ?? `http-${status}`),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail: clipped(detail) } : {}),
    ...extra,
  };
}
