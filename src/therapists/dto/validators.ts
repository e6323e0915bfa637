import { buildMessage, isISO8601, isRFC3339, ValidateBy } from 'class-validator';
import { IANAZone } from 'luxon';
import { DATE_TIME_MAX_LENGTH } from '../../common/validation/text-limits.js';

/** An IANA time zone name that luxon (and so the slot computation) knows, e.g. Europe/Berlin. */
export const IsIanaTimeZone = () =>
  ValidateBy({
    name: 'isIanaTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value),
      defaultMessage: buildMessage(
        (each) => `${each}$property must be an IANA time zone such as Europe/Berlin`,
      ),
    },
  });

/**
 * A moment in time: an RFC 3339 date-time with its offset (`Z` or `+01:00`), and a real calendar
 * date (JavaScript would quietly turn 30 February into 2 March); fractions of a second to the
 * nanosecond at most, so no longer than DATE_TIME_MAX_LENGTH.
 */
export const IsInstant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        value.length <= DATE_TIME_MAX_LENGTH &&
        isRFC3339(value) &&
        isISO8601(value, { strict: true }),
      defaultMessage: buildMessage(
        (each) => `${each}$property must be a date-time with an offset, e.g. 2027-03-26T09:00:00Z`,
      ),
    },
  });
