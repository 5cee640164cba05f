import { generatorPlan, GeneratorParameters } from './generator-plan';
import { DAY_MS, distinctUsers, totalMessages } from './plan';

const parameters: GeneratorParameters = {
  users: 300,
  conversations: 800,
  messages: 30_000,
  days: 90,
  skew: 1.1,
  seed: 42,
};
const now = Date.UTC(2025, 5, 1);

describe('generatorPlan', () => {
  const plan = generatorPlan(parameters, now);

  it('holds the requested conversations and messages, each pair once', () => {
    expect(plan.conversations).toHaveLength(800);
    expect(totalMessages(plan)).toBe(30_000);
    const pairs = plan.conversations.map(({ firstSender, other }) =>
      [firstSender, other].sort((a, b) => a - b).join(':'),
    );
    expect(new Set(pairs).size).toBe(800);
    expect(plan.conversations.every(({ firstSender, other }) => firstSender !== other)).toBe(true);
    expect(distinctUsers(plan)).toBeLessThanOrEqual(300);
  });

  it('has a few long conversations and many short ones', () => {
    const lengths = plan.conversations.map((conversation) => conversation.messages).sort((a, b) => b - a);
    expect(lengths[0]).toBeGreaterThan(2_000);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(20);
  });

  it('keeps every timeline within the history window and in the past', () => {
    for (const { timeline } of plan.conversations) {
      const [start, end] =
        timeline.kind === 'sessions'
          ? [timeline.startMs, timeline.endMs]
          : timeline.kind === 'at'
            ? [timeline.atMs, timeline.atMs]
            : [0, 0];
      expect(start).toBeGreaterThanOrEqual(now - 91 * DAY_MS);
      expect(end).toBeLessThan(now);
    }
  });

  it('is the same plan for the same parameters', () => {
    expect(generatorPlan(parameters, now)).toEqual(plan);
  });

  it('refuses more conversations than the users can form', () => {
    expect(() => generatorPlan({ ...parameters, users: 10, conversations: 40 }, now)).toThrow(RangeError);
  });
});
