import { parseIsoTimestamp } from './iso-timestamp';

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
