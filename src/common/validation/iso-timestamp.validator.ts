import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseIsoTimestamp } from '../time/iso-timestamp';

export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoTimestamp',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIsoTimestamp(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 date-time such as 2024-03-01T12:00:00Z (no zone means UTC)`,
      },
    });
  };
}
