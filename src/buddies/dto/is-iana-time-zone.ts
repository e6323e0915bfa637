import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';

/**
 * An IANA time zone name that luxon, which converts the hours, understands: the same check that
 * conversion relies on, so a zone accepted here never fails later.
 */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an IANA time zone name such as Europe/Lisbon`,
          options,
        ),
      },
    },
    options,
  );
}
