// Group commit in SQLite: appends from every request that arrives in the same turn of the event loop are
// written in one transaction (one fsync), and each request's promise resolves only after that commit. A
// request is therefore acknowledged only when its events are durable. States and screen updates wait up to
// REPLAY_COMMIT_MS for a commit to share (ports.ts).
import type { LiveEvent } from '../../../shared/events.ts';
import { REPLAY_COMMIT_MS, type StateFrame, type TickFrame, type TimelineWriter } from '../ports.ts';
import type { Db } from './db.ts';

interface PendingAppend {
  roomId: string;
  events: LiveEvent[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (err: unknown) => void;
}

interface PendingState extends StateFrame {
  roomId: string;
}

interface PendingTick extends TickFrame {
  roomId: string;
}

export class SqliteTimelineWriter implements TimelineWriter {
  private appends: PendingAppend[] = [];
  private states: PendingState[] = [];
  private ticks: PendingTick[] = [];
  private scheduled = false;
  private deferred: ReturnType<typeof setTimeout> | null = null;
  private readonly insertEvent;
  private readonly commit;

  constructor(db: Db) {
    this.insertEvent = db.prepare(
      'INSERT OR IGNORE INTO events (room_id, ts, type, eid, body) VALUES (?, CAST(? AS INTEGER), ?, ?, ?)',
    );
    const insertState = db.prepare(
      `INSERT OR REPLACE INTO states (room_id, sec, seq, base, body)
       VALUES (?, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), ?)`,
    );
    const insertTick = db.prepare(
      `INSERT OR REPLACE INTO ticks (room_id, ts, seq, base, body)
       VALUES (?, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER), ?)`,
    );
    this.commit = db.transaction((appends: PendingAppend[], states: PendingState[], ticks: PendingTick[]) => {
      const results = appends.map((a) => a.events.map((e) => this.insertOne(a.roomId, e)));
      for (const s of states) insertState.run(s.roomId, s.sec, s.seq, s.base, s.body);
      for (const t of ticks) insertTick.run(t.roomId, t.ts, t.seq, t.base, t.body);
      return results;
    });
  }

  private insertOne(roomId: string, e: LiveEvent): number | null {
    const r = this.insertEvent.run(roomId, e.ts, e.type, e.id ?? null, JSON.stringify(e));
    return r.changes === 1 ? Number(r.lastInsertRowid) : null;
  }

  append(roomId: string, events: LiveEvent[]): Promise<(number | null)[]> {
    return new Promise((resolve, reject) => {
      this.appends.push({ roomId, events, resolve, reject });
      this.schedule();
    });
  }

  putState(roomId: string, frame: StateFrame): void {
    this.states.push({ roomId, ...frame });
    this.scheduleLater();
  }

  putTick(roomId: string, frame: TickFrame): void {
    this.ticks.push({ roomId, ...frame });
    this.scheduleLater();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commitNow());
  }

  private scheduleLater(): void {
    if (this.scheduled || this.deferred !== null) return;
    this.deferred = setTimeout(() => this.commitNow(), REPLAY_COMMIT_MS);
  }

  async flush(): Promise<void> {
    this.commitNow();
  }

  /** Commit everything queued, synchronously (better-sqlite3 commits in the calling thread). */
  commitNow(): void {
    this.scheduled = false;
    if (this.deferred !== null) clearTimeout(this.deferred);
    this.deferred = null;
    const appends = this.appends;
    const { states, ticks } = this;
    this.appends = [];
    this.states = [];
    this.ticks = [];
    if (appends.length === 0 && states.length === 0 && ticks.length === 0) return;
    let results: (number | null)[][];
    try {
      results = this.commit(appends, states, ticks);
    } catch (err) {
      for (const a of appends) a.reject(err);
      return;
    }
    for (const [i, a] of appends.entries()) a.resolve(results[i]!);
  }
}
