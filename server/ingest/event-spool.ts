// A replayed import (speed > 0) plays for as long as the recording lasted divided by its speed, hours maybe:
// its events wait on disk, not in memory. The body is validated into a temporary NDJSON file as it arrives,
// and the replay reads it back a chunk at a time; the file goes when the replay ends or is replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LiveEvent } from '../../shared/events.ts';
import { LineSplitter } from './line-splitter.ts';

/** Events in order, a bounded number at a time. */
export interface EventCursor {
  /** Up to `max` more events; an empty list at the end. */
  read(max: number): Promise<LiveEvent[]>;
  /** Stops reading and releases what backs the cursor (idempotent). */
  close(): Promise<void>;
}

export class EventSpool {
  private readonly out: fs.WriteStream;
  private constructor(private readonly file: string) {
    this.out = fs.createWriteStream(file);
  }

  static async create(): Promise<EventSpool> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'console-replay-'));
    return new EventSpool(path.join(dir, 'events.ndjson'));
  }

  async write(events: LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    const ok = this.out.write(`${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    if (!ok) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  /** Ends writing; the cursor then reads what was written, and removes the file when closed. */
  async finish(): Promise<EventCursor> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return new SpoolCursor(this.file);
  }

  /** Drops the file without replaying it (the import failed). */
  async discard(): Promise<void> {
    this.out.destroy();
    await fs.promises.rm(path.dirname(this.file), { recursive: true, force: true });
  }
}

class SpoolCursor implements EventCursor {
  private readonly stream: fs.ReadStream;
  private readonly chunks: AsyncIterator<Buffer>;
  private readonly lines = new LineSplitter(Number.POSITIVE_INFINITY);
  private queue: LiveEvent[] = [];
  private ended = false;
  private closed = false;

  constructor(private readonly file: string) {
    this.stream = fs.createReadStream(file);
    this.chunks = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  async read(max: number): Promise<LiveEvent[]> {
    while (this.queue.length < max && !this.ended && !this.closed) {
      const r = await this.chunks.next();
      const take = (line: Buffer | null) => this.queue.push(JSON.parse(line!.toString('utf8')) as LiveEvent);
      if (r.done) {
        this.ended = true;
        this.lines.end(take);
      } else this.lines.push(r.value, take);
    }
    const out = this.queue.length <= max ? this.queue : this.queue.slice(0, max);
    this.queue = this.queue.length <= max ? [] : this.queue.slice(max);
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream.destroy();
    await fs.promises.rm(path.dirname(this.file), { recursive: true, force: true });
  }
}
