/**
 * For query and path parameters: a string of decimal digits becomes a number; anything else
 * ("1.5", "1e3", "0x10", " ", a repeated parameter) is left as it is, so @IsInt() rejects it by name.
 */
export function toStrictInt({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
}
