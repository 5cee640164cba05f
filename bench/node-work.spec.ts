import { workBetween, workDifferences } from './node-work';

describe('workBetween', () => {
  it('gives reads and writes per operation by table, leaving out tables nothing touched', () => {
    const before = { reads: { conversations: 100, messages: 7 }, writes: { messages: 50, inbox: 10 } };
    const after = { reads: { conversations: 300, messages: 7 }, writes: { messages: 250, inbox: 410 } };
    expect(workBetween(before, after, 200)).toEqual({
      operations: 200,
      reads: { conversations: 1 },
      writes: { inbox: 2, messages: 1 },
      reads_total: 1,
      writes_total: 3,
    });
  });

  it('counts a table that appeared since the first reading from zero', () => {
    const work = workBetween({ reads: {}, writes: {} }, { reads: { buckets: 30 }, writes: {} }, 20);
    expect(work.reads).toEqual({ buckets: 1.5 });
  });
});

describe('workDifferences', () => {
  const side = (reads: Record<string, number>, writes: Record<string, number>) => ({
    operations: 100,
    reads,
    writes,
    reads_total: 0,
    writes_total: 0,
  });

  it('names each table whose figures differ by more than a tenth (and a tenth of a request), on either side', () => {
    const service = side({ conversations: 1, message_count: 1, sampled: 0.07 }, { messages: 1.05, inbox: 2 });
    const baseline = side({ conversations: 1, sampled: 0.01 }, { messages: 1, inbox: 1.5 });
    expect(workDifferences(service, baseline)).toEqual([
      'message_count reads: service 1, baseline 0',
      'inbox writes: service 2, baseline 1.5',
    ]);
  });

  it('is empty when both sides make the node do the same', () => {
    const work = side({ conversations: 1 }, { messages: 2 });
    expect(workDifferences(work, work)).toEqual([]);
  });
});
