import { toStrictInt } from './strict-int';

describe('toStrictInt', () => {
  it.each([
    ['1', 1],
    ['0020', 20],
    ['9007199254740991', 9007199254740991],
  ])('converts %p', (input, output) => {
    expect(toStrictInt({ value: input })).toBe(output);
  });

  it.each(['1.5', '1e3', '0x10', '-1', ' 2', '', 'abc', '12345678901234567'])(
    'leaves %p for @IsInt to refuse',
    (input) => {
      expect(toStrictInt({ value: input })).toBe(input);
    },
  );

  it('leaves a repeated parameter as an array', () => {
    expect(toStrictInt({ value: ['1', '2'] })).toEqual(['1', '2']);
  });
});
