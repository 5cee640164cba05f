import { ConversationPlan, DAY_MS, Timeline } from './plan';
import { seededRandom } from './random';
import { messageTimes } from './timeline';

const plan = (messages: number, timeline: Timeline): ConversationPlan => ({
  firstSender: 1,
  other: 2,
  messages,
  timeline,
  seed: 9,
});

const times = (conversation: ConversationPlan) => [
  ...messageTimes(conversation, seededRandom(conversation.seed)),
];
const day0 = Date.UTC(2025, 0, 1);

describe('messageTimes', () => {
  it.each([
    ['one message', plan(1, { kind: 'at', atMs: day0 + 5 })],
    ['a short chat', plan(7, { kind: 'sessions', startMs: day0, endMs: day0 + DAY_MS })],
    ['a long history', plan(5_000, { kind: 'sessions', startMs: day0, endMs: day0 + 120 * DAY_MS })],
    [
      'more messages than a span has room for',
      plan(3_000, { kind: 'sessions', startMs: day0, endMs: day0 + 60_000 }),
    ],
    ['full days', plan(600, { kind: 'daily', firstDayMs: day0, perDay: 120 })],
  ])('%s: as many times as messages, strictly increasing, none after the end', (_, conversation) => {
    const result = times(conversation);
    expect(result).toHaveLength(conversation.messages);
    expect(result.every((time, index) => index === 0 || time > result[index - 1])).toBe(true);
    const { timeline } = conversation;
    if (timeline.kind === 'sessions') {
      expect(result[0]).toBeGreaterThanOrEqual(timeline.startMs);
      expect(result[result.length - 1]).toBeLessThanOrEqual(timeline.endMs);
    }
  });

  it('puts exactly perDay messages in each UTC day of a daily timeline', () => {
    const result = times(plan(360, { kind: 'daily', firstDayMs: day0, perDay: 120 }));
    const perDay = new Map<number, number>();
    for (const time of result)
      perDay.set(Math.floor(time / DAY_MS), (perDay.get(Math.floor(time / DAY_MS)) ?? 0) + 1);
    expect([...perDay.values()]).toEqual([120, 120, 120]);
    expect(Math.min(...perDay.keys())).toBe(day0 / DAY_MS);
  });

  it('spreads a long history over many days', () => {
    const result = times(plan(5_000, { kind: 'sessions', startMs: day0, endMs: day0 + 120 * DAY_MS }));
    expect(new Set(result.map((time) => Math.floor(time / DAY_MS))).size).toBeGreaterThan(60);
  });

  it('is the same for the same seed', () => {
    const conversation = plan(300, { kind: 'sessions', startMs: day0, endMs: day0 + 30 * DAY_MS });
    expect(times(conversation)).toEqual(times(conversation));
  });
});
