import { registerDecorator, ValidationOptions } from 'class-validator';
import { codePointLength, NOT_ONLY_WHITE_SPACE } from './text-length';

export const MAX_CONTENT_CHARACTERS = 4000;

/** Why a message body is unacceptable, or undefined when it is fine. Length counts Unicode code points. */
export function contentProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (/[\uD800-\uDFFF]/u.test(value)) return 'must be valid Unicode (it contains an unpaired surrogate)';
  const characters = codePointLength(value);
  if (characters < 1 || characters > MAX_CONTENT_CHARACTERS) {
    return `must be 1 to ${MAX_CONTENT_CHARACTERS} characters long (got ${characters})`;
  }
  if (!NOT_ONLY_WHITE_SPACE.test(value)) return 'must not be only white space';
  return undefined;
}

export function IsMessageContent(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMessageContent',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => contentProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${contentProblem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}
