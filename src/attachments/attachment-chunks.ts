/** Bytes per chunk row: small enough for one mutation and one read, large enough to stream at disk speed. */
export const CHUNK_BYTES = 256 * 1024;
/** Chunks per partition: 16 MiB, so a 25 MB file spans two partitions and none grows with the file. */
export const CHUNKS_PER_PART = 64;

export const partOf = (chunk: number) => Math.floor(chunk / CHUNKS_PER_PART);
export const partsFor = (size: number) => Math.ceil(Math.ceil(size / CHUNK_BYTES) / CHUNKS_PER_PART);

/**
 * Cuts a stream of buffers, of whatever sizes the network delivers, into CHUNK_BYTES chunks (the last one
 * shorter). A byte is copied at most twice: into the chunk, and before that into the remainder it was in.
 */
export class Chunker {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** The full chunks the piece completes. */
  push(piece: Buffer): Buffer[] {
    this.pending.push(piece);
    this.pendingBytes += piece.length;
    const full: Buffer[] = [];
    while (this.pendingBytes >= CHUNK_BYTES) {
      const joined = Buffer.concat(this.pending, this.pendingBytes);
      full.push(joined.subarray(0, CHUNK_BYTES));
      const rest = joined.subarray(CHUNK_BYTES);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
    return full;
  }

  /** The last, partial chunk, if any bytes are left. */
  end(): Buffer | undefined {
    return this.pendingBytes > 0 ? Buffer.concat(this.pending, this.pendingBytes) : undefined;
  }
}

/** The chunks that hold bytes start to end (inclusive), and where the range starts in the first of them. */
export function chunkSpan(start: number, end: number): { first: number; last: number; offset: number } {
  return {
    first: Math.floor(start / CHUNK_BYTES),
    last: Math.floor(end / CHUNK_BYTES),
    offset: start % CHUNK_BYTES,
  };
}
