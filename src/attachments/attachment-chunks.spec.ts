import { CHUNK_BYTES, Chunker, chunkSpan, partOf, partsFor } from './attachment-chunks';

describe('attachment chunks', () => {
  it('cuts pieces of any size into whole chunks and a last partial one, byte-exact', () => {
    const bytes = Buffer.from(Array.from({ length: CHUNK_BYTES * 2 + 7 }, (_, i) => i % 251));
    const chunker = new Chunker();
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 100_003)
      chunks.push(...chunker.push(bytes.subarray(at, at + 100_003)));
    const last = chunker.end();
    expect(chunks.map((chunk) => chunk.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES]);
    expect(last?.length).toBe(7);
    expect(Buffer.concat([...chunks, last!]).equals(bytes)).toBe(true);
  });

  it('leaves nothing over for an exact multiple, and nothing at all for no bytes', () => {
    const chunker = new Chunker();
    expect(chunker.push(Buffer.alloc(CHUNK_BYTES))).toHaveLength(1);
    expect(chunker.end()).toBeUndefined();
    expect(new Chunker().end()).toBeUndefined();
  });

  it('places chunks in partitions of 64 and finds the chunks of a byte range', () => {
    expect([0, 63, 64, 130].map(partOf)).toEqual([0, 0, 1, 2]);
    expect([0, 1, CHUNK_BYTES * 64, CHUNK_BYTES * 64 + 1].map(partsFor)).toEqual([0, 1, 1, 2]);
    expect(chunkSpan(CHUNK_BYTES - 1, CHUNK_BYTES + 1)).toEqual({
      first: 0,
      last: 1,
      offset: CHUNK_BYTES - 1,
    });
  });
});
