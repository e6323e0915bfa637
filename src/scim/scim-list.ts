import { invalid, SCIM_LIST_RESPONSE, SCIM_MAX_RESULTS, SCIM_USER } from './scim-schemas.js';

/** The filters this service answers: equality on userName or externalId. */
export interface ScimUserFilter {
  attribute: 'userName' | 'externalId';
  value: string;
}

export interface ScimPaging {
  /** 1-based, as in SCIM. */
  startIndex: number;
  count: number;
}

/** Room for the longest attribute URN and an escaped 254-character email. */
export const SCIM_MAX_FILTER_LENGTH = 600;

const EQUALITY = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;
const CORE_PREFIX = `${SCIM_USER}:`.toLowerCase();
const FILTERABLE = { username: 'userName', externalid: 'externalId' } as const;

/**
 * Parses `filter` (RFC 7644 §3.4.2.2). Only `userName eq "..."` and `externalId eq "..."`
 * are served: what identity providers send to find a user before creating it.
 */
export function parseScimFilter(filter: unknown): ScimUserFilter | undefined {
  if (filter === undefined) return undefined;
  const unsupported = () =>
    invalid(
      'invalidFilter',
      'Only userName eq "..." and externalId eq "..." filters are supported.',
    );
  if (typeof filter !== 'string' || filter.length > SCIM_MAX_FILTER_LENGTH) throw unsupported();
  const match = EQUALITY.exec(filter);
  if (!match) throw unsupported();
  let path = match[1].toLowerCase();
  if (path.startsWith(CORE_PREFIX)) path = path.slice(CORE_PREFIX.length);
  const attribute = FILTERABLE[path as keyof typeof FILTERABLE];
  if (!attribute) throw unsupported();
  try {
    return { attribute, value: JSON.parse(`"${match[2]}"`) as string };
  } catch {
    throw invalid('invalidFilter', 'The filter value is not a valid string literal.');
  }
}

/** startIndex below 1 counts as 1, count is capped at the maximum (RFC 7644 §3.4.2.4). */
export function parseScimPaging(startIndex: unknown, count: unknown): ScimPaging {
  return {
    startIndex: Math.max(1, integer(startIndex, 'startIndex') ?? 1),
    count: Math.min(SCIM_MAX_RESULTS, Math.max(0, integer(count, 'count') ?? 100)),
  };
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value)) {
    throw invalid('invalidValue', `${name} must be an integer.`);
  }
  return Number(value);
}

export function listResponse<Resource>(total: number, startIndex: number, resources: Resource[]) {
  return {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
