import { InboundRate } from './socket-limits';

describe('InboundRate', () => {
  it('allows a burst at once, then the rate', () => {
    const rate = new InboundRate(10, 20, 0);
    const first = Array.from({ length: 25 }, () => rate.take(0));
    expect(first.filter(Boolean)).toHaveLength(20);
    expect(rate.take(50)).toBe(false);
    expect(rate.take(100)).toBe(true);
    expect(rate.take(100)).toBe(false);
  });

  it('refills to the burst and no further after a quiet spell', () => {
    const rate = new InboundRate(10, 20, 0);
    for (let i = 0; i < 20; i += 1) rate.take(0);
    const later = Array.from({ length: 30 }, () => rate.take(60_000));
    expect(later.filter(Boolean)).toHaveLength(20);
  });
});
