/**
 * How long text of a standard shape can be: the bound validators put on what clients send, and
 * the OpenAPI document on what they receive.
 */

/** A UUID in its canonical form, 8-4-4-4-12 hex digits. */
export const UUID_LENGTH = 36;

/**
 * An RFC 3339 date-time to the nanosecond with an offset, `2027-03-26T09:00:00.123456789+01:00`.
 * The instants this service answers are shorter (`toISOString()`, 24).
 */
export const DATE_TIME_MAX_LENGTH = 35;

/** A calendar date, `YYYY-MM-DD`. */
export const DATE_LENGTH = 10;

/** RFC 5321 caps a path at 256 octets, its angle brackets included: an address is at most 254. */
export const EMAIL_MAX_LENGTH = 254;

/**
 * An IANA time zone name; the longest in the tz database is 32 characters
 * (America/Argentina/ComodRivadavia).
 */
export const TIME_ZONE_MAX_LENGTH = 64;

/** A URL the service keeps: an avatar, a profile, a course's content, a webhook's endpoint. */
export const URL_MAX_LENGTH = 2048;

/** How long `bytes` random bytes are in unpadded base64url, the form of this service's tokens. */
export const base64UrlLength = (bytes: number) => Math.ceil((bytes * 4) / 3);
