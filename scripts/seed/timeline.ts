import { ConversationPlan, DAY_MS } from './plan';
import { exponential, Random } from './random';

/** Messages per chat session, on average, and the mean pause between two messages of a session. */
const MESSAGES_PER_SESSION = 8;
const MEAN_GAP_MS = 45_000;
/** Daily timelines keep clear of the day's edges, so each day's messages stay in that day's bucket. */
const DAY_MARGIN_MS = 30_000;

/** The conversation's message times, strictly increasing, generated lazily (a long history is not held). */
export function* messageTimes(plan: ConversationPlan, random: Random): Generator<number, void, undefined> {
  const { timeline, messages } = plan;
  switch (timeline.kind) {
    case 'at':
      yield timeline.atMs;
      return;
    case 'daily': {
      const slot = (DAY_MS - 2 * DAY_MARGIN_MS) / timeline.perDay;
      for (let index = 0; index < messages; index += 1) {
        const day = Math.floor(index / timeline.perDay);
        const within = index % timeline.perDay;
        // A random instant inside the message's own slot of the day: increasing, but not evenly spaced.
        yield (
          timeline.firstDayMs + day * DAY_MS + DAY_MARGIN_MS + Math.floor((within + random() * 0.9) * slot)
        );
      }
      return;
    }
    case 'sessions': {
      const sessions = Math.max(1, Math.min(messages, Math.ceil(messages / MESSAGES_PER_SESSION)));
      const room = Math.max(0, timeline.endMs - timeline.startMs - messages * MEAN_GAP_MS * 2);
      const starts = Float64Array.from({ length: sessions }, () => timeline.startMs + random() * room).sort();
      let previous = -Infinity;
      let session = -1;
      for (let index = 0; index < messages; index += 1) {
        const sessionOfMessage = Math.floor((index * sessions) / messages);
        let time: number;
        if (sessionOfMessage !== session) {
          session = sessionOfMessage;
          time = Math.max(previous + 1, Math.floor(starts[session]));
        } else {
          time = previous + 1 + Math.floor(exponential(random, MEAN_GAP_MS));
        }
        // Never past the end (the present): pack the remaining messages a millisecond apart instead.
        const latest = timeline.endMs - (messages - 1 - index);
        previous = Math.max(previous + 1, Math.min(time, latest));
        yield previous;
      }
      return;
    }
  }
}
