import { newTimeUuid, timeUuidMicros } from '../../src/common/time/time-uuid';
import { contentProblem } from '../../src/common/validation/message-content';
import type { Conversation, LastMessage } from '../../src/conversations/conversation.model';
import { directConversationId, orderedPair } from '../../src/conversations/direct-conversation-id';
import { bucketOpenedAt, DEFAULT_BUCKET_MAX_MESSAGES } from '../../src/messages/message-bucket';
import type { Message } from '../../src/messages/message.model';
import { messageContent } from './content';
import { MinHeap } from './min-heap';
import { ConversationPlan, DAY_MS, SeedPlan, totalMessages } from './plan';
import { runPool } from './pool';
import { SeedProgress } from './progress';
import { childSeed, Random, seededRandom } from './random';
import { SEED_CALLER, ServiceContext } from './service-context';
import { messageTimes } from './timeline';

/** What was written, for the summary. */
export interface SeedTotals {
  messages: number;
  conversations: number;
  /** Message buckets of history written (a conversation's UTC day, split after a full bucket). */
  buckets: number;
  firstMessageMs: number;
  lastMessageMs: number;
  contentCharacters: number;
  longestContent: number;
  nonAsciiMessages: number;
}

interface PlannedMessage {
  readonly senderId: number;
  readonly receiverId: number;
  readonly content: string;
  readonly atMs: number;
  /** Its place in the conversation, from 0. */
  readonly index: number;
  /** The message bucket it goes to, as the service would place it (see message-bucket.ts). */
  readonly bucket: number;
  /** Whether it opens that bucket (the conversation's first of its UTC day, or after a full bucket). */
  readonly opensBucket: boolean;
}

/** One conversation being written: its own random streams, and what later messages need to know. */
class ConversationRun {
  readonly id: string;
  readonly user1Id: number;
  readonly user2Id: number;
  private readonly times: Generator<number, void, undefined>;
  private readonly textRandom: Random;
  private sender: number;
  private bucket = Number.NaN;
  private bucketDay = Number.NaN;
  private inBucket = 0;
  sent = 0;
  first?: LastMessage;
  /** The conversation's newest message, known before it is written: its time and its id. */
  readonly finalAt: Date;
  finalId: string;

  constructor(readonly plan: ConversationPlan) {
    this.id = directConversationId(plan.firstSender, plan.other);
    [this.user1Id, this.user2Id] = orderedPair(plan.firstSender, plan.other);
    this.times = messageTimes(plan, seededRandom(plan.seed));
    this.textRandom = seededRandom(childSeed(plan.seed, 1));
    this.sender = plan.firstSender;
    // The same stream again, read to its end: the time of the last message.
    let finalMs = 0;
    for (const time of messageTimes(plan, seededRandom(plan.seed))) finalMs = time;
    this.finalAt = new Date(finalMs);
    this.finalId = newTimeUuid(this.finalAt);
  }

  /** The next message in time order: who sends it, to whom, what and when. */
  next(): PlannedMessage {
    const time = this.times.next();
    if (time.done) throw new Error(`conversation ${this.id} has no message left`);
    const index = this.sent;
    this.sent += 1;
    // Replies usually alternate; sometimes one person sends several in a row.
    if (index > 0 && this.textRandom() < 0.65) {
      this.sender = this.sender === this.plan.firstSender ? this.plan.other : this.plan.firstSender;
    }
    const day = Math.floor(time.value / DAY_MS);
    const opened = bucketOpenedAt(time.value * 1000);
    const opensBucket =
      day !== this.bucketDay || (this.inBucket >= DEFAULT_BUCKET_MAX_MESSAGES && opened > this.bucket);
    if (opensBucket) {
      this.bucket = opened;
      this.bucketDay = day;
      this.inBucket = 0;
    }
    this.inBucket += 1;
    const receiverId = this.sender === this.plan.firstSender ? this.plan.other : this.plan.firstSender;
    return {
      senderId: this.sender,
      receiverId,
      content: messageContent(this.textRandom),
      atMs: time.value,
      index,
      bucket: this.bucket,
      opensBucket,
    };
  }

  /** The conversation as a message of it sees it: for all but the newest message, the newest is already last. */
  viewFor(index: number): Conversation {
    if (!this.first) throw new Error(`conversation ${this.id} was not opened`);
    const isFinal = index === this.plan.messages - 1;
    return {
      id: this.id,
      kind: 'direct',
      user1Id: this.user1Id,
      user2Id: this.user2Id,
      memberCount: 2,
      createdAt: this.first.at,
      // Only the id of the last message matters to the activity writes; the other fields are not read.
      lastMessage: isFinal
        ? this.first
        : { id: this.finalId, at: this.finalAt, senderId: 0, content: '', revision: 0, deleted: false },
    };
  }
}

/** A conversation as it must read after seeding. */
export interface WrittenConversation {
  readonly id: string;
  readonly users: number[];
  readonly messages: number;
  readonly newestId: string;
}

export interface SeedOptions {
  /** Writes in flight at once. */
  readonly concurrency: number;
}

/**
 * Writes a plan through the service's own code, in two phases.
 *
 * 1. Each conversation's first message goes through MessagesService.send, which creates the
 *    conversation exactly as the API does (lightweight transaction, participants' counts, list entries).
 * 2. Every later message is written with the same building blocks send() uses (the message's rows, the
 *    conversation's activity, the message count), minus send()'s read of the conversation row: the
 *    generator already knows what that read would find. A message older than the conversation's newest
 *    changes nothing but history, so only its rows are written; the newest one also records the
 *    conversation's activity, which moves it in both lists from the first message's place. So the messages
 *    of one conversation may be written in any order and in parallel, and the result is the same as sending
 *    them one by one in time order: one list row per conversation and participant, on its newest message.
 *
 * Phase 2 issues messages in time order across all conversations (a merge of their timelines).
 */
export async function seedPlan(
  context: ServiceContext,
  plan: SeedPlan,
  options: SeedOptions,
): Promise<{ totals: SeedTotals; written: WrittenConversation[] }> {
  const runs = plan.conversations.map((conversation) => new ConversationRun(conversation));
  const totals: SeedTotals = {
    messages: 0,
    conversations: 0,
    buckets: 0,
    firstMessageMs: Number.POSITIVE_INFINITY,
    lastMessageMs: Number.NEGATIVE_INFINITY,
    contentCharacters: 0,
    longestContent: 0,
    nonAsciiMessages: 0,
  };
  const progress = new SeedProgress(totalMessages(plan));
  const count = (message: PlannedMessage, phase: string) => {
    const characters = [...message.content].length;
    totals.messages += 1;
    totals.buckets += message.opensBucket ? 1 : 0;
    totals.firstMessageMs = Math.min(totals.firstMessageMs, message.atMs);
    totals.lastMessageMs = Math.max(totals.lastMessageMs, message.atMs);
    totals.contentCharacters += characters;
    totals.longestContent = Math.max(totals.longestContent, characters);
    // eslint-disable-next-line no-control-regex
    totals.nonAsciiMessages += /[^\u0000-\u007f]/.test(message.content) ? 1 : 0;
    progress.advance(phase, message.atMs);
  };
  const checked = (content: string) => {
    const problem = contentProblem(content);
    if (problem) throw new Error(`generated content ${problem}: ${JSON.stringify(content)}`);
    return content;
  };

  try {
    // Only users can start conversations: every participant gets an account first, as an integrator's
    // backend would make them (PUT /api/users/{id}).
    const participants = new Set(runs.flatMap((run) => [run.plan.firstSender, run.plan.other]));
    await runPool(participants.values(), options.concurrency, async (userId) => {
      await context.users.putIntegratorUser(userId, { username: `user${userId}`, displayName: null });
    });
    await runPool(runs.values(), options.concurrency, async (run) => {
      const message = run.next();
      const at = new Date(message.atMs);
      const { message: sent } = await context.clock.at(at, () =>
        context.messages.send(SEED_CALLER, {
          senderId: message.senderId,
          receiverId: message.receiverId,
          content: checked(message.content),
        }),
      );
      run.first = {
        id: sent.id,
        at,
        senderId: message.senderId,
        content: message.content,
        revision: 0,
        deleted: false,
      };
      // A one-message conversation's newest message is its first, with the id send() gave it.
      if (run.plan.messages === 1) run.finalId = sent.id;
      totals.conversations += 1;
      count(message, 'conversations');
    });

    type Next = { run: ConversationRun; message: PlannedMessage };
    const timelines = new MinHeap<Next>();
    for (const run of runs) {
      if (run.plan.messages > 1) {
        const message = run.next();
        timelines.push(message.atMs, { run, message });
      }
    }
    function* inTimeOrder(): Generator<Next> {
      for (let next = timelines.pop(); next; next = timelines.pop()) {
        const { run } = next;
        if (run.sent < run.plan.messages) {
          const following = run.next();
          timelines.push(following.atMs, { run, message: following });
        }
        yield next;
      }
    }
    await runPool(inTimeOrder(), options.concurrency, async ({ run, message }) => {
      const at = new Date(message.atMs);
      const isFinal = message.index === run.plan.messages - 1;
      const stored: Message = {
        id: isFinal ? run.finalId : newTimeUuid(at),
        conversationId: run.id,
        senderId: message.senderId,
        receiverId: message.receiverId,
        content: checked(message.content),
        createdAt: at,
        editedAt: null,
        deleted: false,
        reactions: [],
        replyTo: null,
        attachments: [],
      };
      // Only the newest message changes what the conversation's preview and its members' lists show; every
      // other one is history alone.
      const atMicros = timeUuidMicros(stored.id);
      const inserted = context.messagesRepository.insertMessage(stored, message.bucket, atMicros);
      if (isFinal) {
        // The newest message's bucket is the conversation's open one.
        const last = {
          id: stored.id,
          at,
          senderId: stored.senderId,
          content: stored.content,
          revision: 0,
          deleted: false,
        };
        await context.conversations.recordMessage(run.viewFor(message.index), last, atMicros, message.bucket);
      }
      await inserted;
      await context.conversations.countNewMessage(run.id);
      count(message, 'history');
    });
  } finally {
    progress.stop();
  }
  return {
    totals,
    written: runs.map((run) => ({
      id: run.id,
      users: [run.user1Id, run.user2Id],
      messages: run.plan.messages,
      newestId: run.finalId,
    })),
  };
}
