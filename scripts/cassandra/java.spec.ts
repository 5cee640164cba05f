import { parseMajor } from './java';

describe('parseMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "11.0.22" 2024-01-16', 11],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "25" 2025-09-16', 25],
    ['openjdk version "21-ea" 2023-09-19', 21],
  ])('reads %p as Java %i', (output, major) => {
    expect(parseMajor(output)).toBe(major);
  });

  it('gives up on output it does not know', () => {
    expect(parseMajor('command not found')).toBeUndefined();
  });
});
