/** The media type of SCIM requests and answers (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = 'application/scim+json';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_SERVICE_PROVIDER_CONFIG =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** Where SCIM lives: outside /v1, as identity providers expect a SCIM base URL of its own. */
export const SCIM_BASE_PATH = '/scim/v2';

/** The most resources one list answer holds (advertised as filter.maxResults). */
export const SCIM_MAX_RESULTS = 200;

/** RFC 7644 §3.12: the detail error keywords this service uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidValue'
  | 'invalidPath'
  | 'noTarget'
  | 'mutability'
  | 'uniqueness';

/** A failure answered as a SCIM error with this status and keyword. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }
}

/** A request body or value that does not say what SCIM needs it to (400). */
export const invalid = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);

/** The value of an attribute, its name compared without regard to case (RFC 7643 §2.1). */
export function attributeOf(resource: unknown, name: string): unknown {
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource))
    return undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(resource).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : (resource as Record<string, unknown>)[key];
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
