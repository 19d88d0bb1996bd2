// How many imports read their bodies at once: one per room (two at once would interleave their events and
// their hold on the room's clock), and per server MAX_IMPORTS_RUNNING, with MAX_IMPORTS_QUEUED more waiting
// their turn (their bodies unread: TCP holds the sender back). Past that the answer is 429, with a code.
import { HttpError } from '../http/errors.ts';

export class ImportGate {
  private readonly rooms = new Set<string>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxQueued: number,
  ) {}

  /** Resolves with the release once this import may run; throws HttpError 429 when it may not wait. */
  async acquire(roomId: string): Promise<() => void> {
    if (this.rooms.has(roomId)) {
      throw new HttpError(429, 'import_busy', 'another import into this room is running; send this one after it');
    }
    if (this.running >= this.maxRunning && this.waiting.length >= this.maxQueued) {
      throw new HttpError(429, 'too_many_imports', 'the server is busy with other imports; try again in a minute');
    }
    this.rooms.add(roomId);
    if (this.running >= this.maxRunning) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.rooms.delete(roomId);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }

  get active(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }
}
