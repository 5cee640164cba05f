import { nextActivityMicros } from './conversation-clock';
import { timeUuidAtMicros, timeUuidDate, timeUuidMicros } from './time-uuid';
import { types } from 'cassandra-driver';

describe('a conversation clock', () => {
  it('takes the instance clock when it is ahead of the conversation', () => {
    expect(nextActivityMicros(1_000, 999_999)).toBe(1_000_000);
    expect(nextActivityMicros(1_000, undefined)).toBe(1_000_000);
  });

  it('counts on from the previous activity, 1 µs at a time, while the instance clock is behind', () => {
    const fast = nextActivityMicros(600_000, undefined); // an instance ten minutes ahead
    const second = nextActivityMicros(0, fast);
    const third = nextActivityMicros(1, second);
    expect([second - fast, third - second]).toEqual([1, 1]);
  });
});

describe('timeuuids at a microsecond', () => {
  const instants = [0, 1_764_547_200_123_456, 1_764_547_200_123_999];

  it.each(instants)('round-trips %p µs, as the driver reads it', (micros) => {
    const id = timeUuidAtMicros(micros);
    expect(timeUuidMicros(id)).toBe(micros);
    expect(timeUuidDate(id)).toEqual(new Date(Math.floor(micros / 1000)));
    expect(types.TimeUuid.fromString(id).getDate()).toEqual(new Date(Math.floor(micros / 1000)));
  });

  it('reads the microseconds of an id made by the driver with sub-millisecond ticks', () => {
    const id = types.TimeUuid.fromDate(new Date(1_000), 4_567).toString();
    expect(timeUuidMicros(id)).toBe(1_000_456);
  });
});
