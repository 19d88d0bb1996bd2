// NDJSON as it arrives: bytes in chunks of any size in, complete lines out, in memory bounded by the longest
// allowed line whatever the body holds. Blank lines (spaces, tabs, CRs) cost one byte loop and no allocation;
// a line over the limit is reported once (null) and its bytes are dropped as they pass; leading whitespace is
// dropped too (JSON ignores it), so a line of 16 MiB of spaces keeps nothing.

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d;

export class LineSplitter {
  private parts: Buffer[] = [];
  /** Bytes of the current line so far, leading whitespace included. */
  private len = 0;
  /** True until the current line shows a byte that is not whitespace. */
  private blank = true;

  constructor(private readonly maxBytes: number) {}

  /** Calls `onLine` for each non-blank line completed in `chunk`: its bytes, or null when over the limit. */
  push(chunk: Buffer, onLine: (line: Buffer | null) => void): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      if (this.blank) {
        while (i < n) {
          const c = chunk[i]!;
          if (c === 0x0a) this.len = 0;
          else if (isBlank(c)) this.len++;
          else break;
          i++;
        }
        if (i >= n) return;
        this.blank = false;
      }
      const nl = chunk.indexOf(0x0a, i);
      const end = nl === -1 ? n : nl;
      this.take(chunk, i, end);
      if (nl === -1) return;
      this.emit(onLine);
      i = nl + 1;
    }
  }

  /** The last line, when the body does not end with a newline. */
  end(onLine: (line: Buffer | null) => void): void {
    if (!this.blank) this.emit(onLine);
    this.reset();
  }

  private take(chunk: Buffer, from: number, to: number): void {
    const over = this.len > this.maxBytes;
    this.len += to - from;
    if (this.len > this.maxBytes) {
      if (!over) this.parts = [];
      return;
    }
    if (to > from) this.parts.push(chunk.subarray(from, to));
  }

  private emit(onLine: (line: Buffer | null) => void): void {
    const parts = this.parts;
    const tooLong = this.len > this.maxBytes;
    this.reset();
    onLine(tooLong ? null : parts.length === 1 ? parts[0]! : Buffer.concat(parts));
  }

  private reset(): void {
    this.parts = [];
    this.len = 0;
    this.blank = true;
  }
}
