import { types } from 'cassandra-driver';
import { Conversation } from './conversation.model';
import {
  currentRows,
  inboxBucketEndMicros,
  inboxBucketOf,
  InboxEntry,
  InboxPointer,
  orderBucket,
} from './inbox';

const DAY = 86_400_000;
const idAt = (ms: number) => types.TimeUuid.fromDate(new Date(ms), 0, '000001', '00').toString();
const conversation = (id: string): Conversation => ({
  id,
  kind: 'direct',
  user1Id: 1,
  user2Id: 2,
  memberCount: 2,
  createdAt: new Date(0),
});
const row = (conversationId: string, bucket: number, ms: number): InboxEntry => ({
  bucket,
  activityId: idAt(ms),
  view: { conversation: conversation(conversationId), role: 'member' },
});
const pointerTo = (entry: InboxEntry): [string, InboxPointer] => [
  entry.view.conversation.id,
  { conversationId: entry.view.conversation.id, bucket: entry.bucket, activityId: entry.activityId },
];
const ids = (entries: InboxEntry[]) => entries.map((entry) => entry.view.conversation.id);

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('inbox buckets', () => {
  it('are UTC days, and a bucket ends on its last microsecond', () => {
    expect(inboxBucketOf(DAY - 1)).toBe(0);
    expect(inboxBucketOf(DAY)).toBe(1);
    expect(inboxBucketEndMicros(0)).toBe(DAY * 1000 - 1);
  });
});

describe('ordering a bucket', () => {
  const rows = [row(A, 5, 5 * DAY + 10), row(B, 5, 5 * DAY + 30), row(C, 5, 5 * DAY + 20)];

  it('puts the newest activity first', () => {
    expect(ids(orderBucket(rows))).toEqual([B, C, A]);
  });

  it('keeps only rows below a position in the same bucket, and all of an older bucket', () => {
    const position = { bucket: 5, activityId: rows[2].activityId, conversationId: C };
    expect(ids(orderBucket(rows, position))).toEqual([A]);
    expect(ids(orderBucket(rows, { bucket: 6, activityId: rows[1].activityId, conversationId: B }))).toEqual([
      B,
      C,
      A,
    ]);
    expect(ids(orderBucket(rows, { bucket: 5 }))).toEqual([B, C, A]);
  });

  it('breaks a tie of equal activity ids by conversation id', () => {
    const [x, y] = [row(A, 5, 5 * DAY), { ...row(B, 5, 5 * DAY) }];
    const same = { ...y, activityId: x.activityId };
    expect(ids(orderBucket([x, same]))).toEqual([B, A]);
    expect(ids(orderBucket([x, same], { bucket: 5, activityId: x.activityId, conversationId: B }))).toEqual([
      A,
    ]);
  });
});

describe('current rows', () => {
  it('keeps the row its pointer names and drops the one a conversation left behind', () => {
    const today = row(A, 6, 6 * DAY);
    const yesterday = row(A, 5, 5 * DAY);
    const pointers = new Map([pointerTo(today)]);
    expect(currentRows([yesterday], pointers, new Set())).toEqual({
      current: [],
      stale: [yesterday],
      repairs: [],
      unlisted: [],
    });
    expect(currentRows([today], pointers, new Set())).toEqual({
      current: [today],
      stale: [],
      repairs: [],
      unlisted: [],
    });
  });

  it('shows a row newer than its pointer, once, and moves the pointer to it', () => {
    const newer = row(A, 6, 6 * DAY);
    const older = row(A, 5, 5 * DAY);
    const seen = new Set<string>();
    const pointers = new Map([pointerTo(older)]);
    expect(currentRows([newer], pointers, seen)).toEqual({
      current: [newer],
      stale: [],
      repairs: [{ conversationId: A, bucket: 6, activityId: newer.activityId }],
      unlisted: [],
    });
    expect(currentRows([older], pointers, seen)).toEqual({
      current: [],
      stale: [older],
      repairs: [],
      unlisted: [],
    });
  });

  it('does not list, nor give to be tidied, the row of a conversation without a pointer: a group the user left', () => {
    const left = row(B, 6, 6 * DAY);
    expect(currentRows([left], new Map(), new Set())).toEqual({
      current: [],
      stale: [],
      repairs: [],
      unlisted: [left],
    });
  });
});
