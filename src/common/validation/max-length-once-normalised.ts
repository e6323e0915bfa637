import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The value is at most `max` characters once normalised as it is kept. Normalising can lengthen
 * text (Unicode NFKC turns `ﬃ` into `ffi`, `ﷺ` into 18 letters; lower case turns `İ` into two
 * code units), so a limit on what a client sends does not bound what is stored and answered.
 * Values that are not strings are left to the field's other rules.
 */
export function MaxLengthOnceNormalised(
  normalise: (value: string) => string,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLengthOnceNormalised',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || normalise(value).length <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be at most $constraint1 characters once normalised`,
          options,
        ),
      },
    },
    options,
  );
}
