import { ISO_TIMESTAMP_PATTERN, parseIsoTimestamp } from './iso-timestamp';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-03-01T12:00:00Z', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01T12:00:00', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01 12:00', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01', Date.UTC(2024, 2, 1)],
    ['2024-03-01T12:00:00.123Z', Date.UTC(2024, 2, 1, 12, 0, 0, 123)],
    ['2024-03-01T12:00:00,5Z', Date.UTC(2024, 2, 1, 12, 0, 0, 500)],
    ['2024-03-01T14:30:00+02:30', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01T07:00:00-0500', Date.UTC(2024, 2, 1, 12)],
    ['2024-03-01T13:00:00+01', Date.UTC(2024, 2, 1, 12)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['0099-01-01T00:00:00Z', new Date('0099-01-01T00:00:00Z').getTime()],
  ])('reads %s', (input, expected) => {
    expect(parseIsoTimestamp(input)).toBe(expected);
  });

  it('keeps sub-millisecond precision as a fraction', () => {
    expect(parseIsoTimestamp('2024-03-01T12:00:00.0005Z')).toBeCloseTo(Date.UTC(2024, 2, 1, 12) + 0.5, 6);
  });

  it.each([
    '',
    'yesterday',
    '1700000000',
    '2024-13-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-03-01T24:00:00Z',
    '2024-03-01T12:60:00Z',
    '2024-03-01T12:00:61Z',
    '2024-03-01T12:00:00+25:00',
    '2024-03-01T12:00:00.Z',
    '2024-3-1',
    ' 2024-03-01T12:00:00Z',
    '2024-03-01T12:00:00ZZ',
  ])('refuses %p', (input) => {
    expect(parseIsoTimestamp(input)).toBeUndefined();
  });
});

describe('ISO_TIMESTAMP_PATTERN', () => {
  const pattern = new RegExp(ISO_TIMESTAMP_PATTERN);

  it.each([
    '2024-03-01T12:00:00Z',
    '2024-03-01 12:00',
    '2024-03-01',
    '2024-03-01Z',
    '2024-03-01T12:00:00,123456789+02:30',
    '2024-03-01T07:00:00-0500',
    '2024-03-01T13:00:00+01',
    '2024-02-29',
    '2000-02-29',
    '0000-02-29',
    '1996-02-29',
    '2024-04-30',
    '2024-12-31t23:59:59z',
    '9999-12-31T23:59:59.999999999-23:59',
  ])('matches %p, which parseIsoTimestamp reads', (input) => {
    expect(parseIsoTimestamp(input)).toBeDefined();
    expect(pattern.test(input)).toBe(true);
  });

  it.each([
    '',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '2024-04-31',
    '2024-02-30',
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '2024-03-01T24:00:00Z',
    '2024-03-01T12:60',
    '2024-03-01T12:00:60',
    '2024-03-01T12:00:00.Z',
    '2024-03-01T12:00:00.1234567890Z',
    '2024-03-01T12:00:00+24:00',
    '2024-03-01T12:00:00+02:60',
    '2024-03-01T12',
    '2024-3-1',
    '٢٠٢٤-03-01',
    '2024-03-01\n',
  ])('does not match %p, which parseIsoTimestamp refuses', (input) => {
    expect(parseIsoTimestamp(input)).toBeUndefined();
    expect(pattern.test(input)).toBe(false);
  });

  it('agrees with parseIsoTimestamp on every day of years on and around centuries', () => {
    for (const year of [1899, 1900, 1999, 2000, 2023, 2024]) {
      for (let month = 1; month <= 12; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const input = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect({ input, matches: pattern.test(input) }).toEqual({
            input,
            matches: parseIsoTimestamp(input) !== undefined,
          });
        }
      }
    }
  });
});
