// Retention: sessions that ended more than RETENTION_DAYS ago are removed, whole, from every room, at start and
// then hourly. Wall time (the injected clock) decides age: a session's end is the event time of its last event.
// A session that ended after the cutoff stays whole, so a room's current session is never touched.
import { forgetSessions, listSessions } from '../replay/sessions.ts';
import type { Services } from '../services.ts';
import type { RoomAdminStore } from '../storage/ports.ts';

const DAY_MS = 86_400_000;
/** How often the sweep runs while the server is up. */
export const RETENTION_SWEEP_MS = 3_600_000;

export interface SweepResult {
  rooms: number;
  sessions: number;
  events: number;
}

export class RetentionSweeper {
  private readonly repo: RoomAdminStore;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly services: Services,
    private readonly days: number,
    private readonly log: (msg: string) => void,
  ) {
    this.repo = services.storage.admin;
  }

  /** Removes every session that ended before now − days; returns what went. */
  async sweep(): Promise<SweepResult> {
    const result = { rooms: 0, sessions: 0, events: 0 };
    if (this.days <= 0) return result;
    const cutoff = this.services.clock.now() - this.days * DAY_MS;
    await this.services.writer.flush();
    for (const room of await this.services.rooms.list()) {
      const sessions = await listSessions(this.services.storage.replay, this.services.reader, room.id);
      const old = sessions.filter((s) => s.end < cutoff);
      if (old.length === 0) continue;
      const through = Math.max(...old.map((s) => s.end));
      result.events += await this.repo.pruneThrough(room.id, through);
      forgetSessions(this.services.reader, room.id);
      result.rooms++;
      result.sessions += old.length;
    }
    if (result.sessions > 0)
      this.log(`retention: removed ${result.sessions} sessions (${result.events} events) older than ${this.days} days`);
    return result;
  }

  start(): void {
    if (this.days <= 0 || this.timer) return;
    const run = () => void this.sweep().catch((err: unknown) => this.log(`retention sweep failed: ${String(err)}`));
    run();
    this.timer = setInterval(run, RETENTION_SWEEP_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
