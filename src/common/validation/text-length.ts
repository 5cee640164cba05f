import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * JavaScript's `\s`, spelled out: an OpenAPI `pattern` is read by other regular expression dialects too
 * (Python's `\s`, for one, is another set), and a spelled-out class means the same in all of them.
 */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** Matches a string with at least one character that is not white space; also the OpenAPI pattern. */
export const NOT_ONLY_WHITE_SPACE = new RegExp(`[^${WHITE_SPACE}]`);

/** Length in Unicode code points, as JSON Schema's minLength and maxLength count ("😀" is one). */
export function codePointLength(value: string): number {
  return [...value].length;
}

/**
 * A string of `min` to `max` Unicode code points. class-validator's @Length counts UTF-16 code units, so
 * a title of 100 emoji would pass an OpenAPI maxLength of 100 and fail @Length(1, 100).
 */
export function CodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'codePointLength',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = codePointLength(value);
          return length >= min && length <= max;
        },
        defaultMessage: (args) => `${args?.property} must be ${min} to ${max} characters long`,
      },
    });
  };
}
