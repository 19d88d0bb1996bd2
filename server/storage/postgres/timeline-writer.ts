// Group commit in PostgreSQL: everything queued while the previous commit is in flight (appends from every
// request, states, ticks, journal entries) goes into the next transaction, one at a time, so seqs grow in
// commit order and each request's promise resolves only after its COMMIT. Duplicate ids are skipped by the
// unique index (ON CONFLICT DO NOTHING) and reported as null.
import type { LiveEvent } from '../../../shared/events.ts';
import type { JournalKind, StateFrame, TickFrame, TimelineWriter } from '../ports.ts';
import { type Client, inTransaction, type Pool } from './db.ts';

/** Advisory lock class of the per-room append order (apart from the migrations' lock). */
const ROOM_LOCK_CLASS = 7201;

interface PendingAppend {
  roomId: string;
  events: LiveEvent[];
  resolve: (seqs: (number | null)[]) => void;
  reject: (err: unknown) => void;
}

interface PendingJournal {
  roomId: string;
  ts: number;
  kind: JournalKind;
  body: string;
  /** Null: not fenced (storage/ports.ts JournalStore.append). */
  fence: number | null;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Batch {
  appends: PendingAppend[];
  /** Per table, the latest body per key: a key written twice in one statement would be refused. */
  states: Map<string, [string, number, number, number | null, string]>;
  ticks: Map<string, [string, number, number, number | null, string]>;
  journal: PendingJournal[];
}

const emptyBatch = (): Batch => ({ appends: [], states: new Map(), ticks: new Map(), journal: [] });

export class PgTimelineWriter implements TimelineWriter {
  private batch = emptyBatch();
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private waiting: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  append(roomId: string, events: LiveEvent[]): Promise<(number | null)[]> {
    return new Promise((resolve, reject) => {
      this.batch.appends.push({ roomId, events, resolve, reject });
      this.schedule();
    });
  }

  putState(roomId: string, f: StateFrame): void {
    const sec = Math.trunc(f.sec);
    this.batch.states.set(`${roomId}\u0000${sec}`, [roomId, sec, Math.trunc(f.seq), f.base, f.body]);
    this.schedule();
  }

  putTick(roomId: string, f: TickFrame): void {
    const [ts, seq] = [Math.trunc(f.ts), Math.trunc(f.seq)];
    this.batch.ticks.set(`${roomId}\u0000${ts}\u0000${seq}`, [roomId, ts, seq, f.base, f.body]);
    this.schedule();
  }

  /** The journal rides the group commit too, so its entries keep the order they were appended in. */
  appendJournal(roomId: string, ts: number, kind: JournalKind, body: unknown, fence: number | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = { roomId, ts: Math.round(ts), kind, body: JSON.stringify(body), fence, resolve, reject };
      this.batch.journal.push(entry);
      this.schedule();
    });
  }

  flush(): Promise<void> {
    return this.kick();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.kick();
    });
  }

  /** One commit waits behind the one in flight and takes whatever is queued when it starts. */
  private kick(): Promise<void> {
    if (this.waiting) return this.waiting;
    const link = this.chain.then(() => {
      this.waiting = null;
      const batch = this.batch;
      this.batch = emptyBatch();
      return this.commit(batch);
    });
    this.waiting = link;
    this.chain = link;
    return link;
  }

  private async commit(b: Batch): Promise<void> {
    if (b.appends.length + b.states.size + b.ticks.size + b.journal.length === 0) return;
    let results: (number | null)[][];
    try {
      results = await inTransaction(this.pool, async (c) => {
        await lockRooms(c, b.appends);
        const seqs = await insertEvents(c, b.appends);
        await upsertStates(c, [...b.states.values()]);
        await upsertTicks(c, [...b.ticks.values()]);
        await insertJournal(c, b.journal);
        return seqs;
      });
    } catch (err) {
      for (const a of b.appends) a.reject(err);
      for (const j of b.journal) j.reject(err);
      return;
    }
    for (const [i, a] of b.appends.entries()) a.resolve(results[i]!);
    for (const j of b.journal) j.resolve();
  }
}

/**
 * Several instances may write one room (clustered mode, a push reaching a non-owner), and its owner applies
 * the store's events after the last seq it applied: a room's events must become visible in seq order. A seq is
 * drawn at insert but seen at commit, so two writers could commit 101 before 100, and the owner, past 101,
 * would never apply 100. A per-room transaction lock, taken before the insert and held to the commit, keeps
 * seq order and commit order the same per room (rooms in sorted order, so two writers never deadlock).
 */
async function lockRooms(c: Client, appends: PendingAppend[]): Promise<void> {
  const rooms = [...new Set(appends.filter((a) => a.events.length > 0).map((a) => a.roomId))].sort();
  if (rooms.length === 0) return;
  await c.query(
    `SELECT pg_advisory_xact_lock(${ROOM_LOCK_CLASS}, hashtext(r)) FROM unnest($1::text[]) WITH ORDINALITY AS x(r, o) ORDER BY o`,
    [rooms],
  );
}

/** One INSERT for every event of the batch, in order; seqs are handed back per append, null for duplicates. */
async function insertEvents(c: Client, appends: PendingAppend[]): Promise<(number | null)[][]> {
  const all = appends.flatMap((a) => a.events.map((e) => ({ roomId: a.roomId, e })));
  if (all.length === 0) return appends.map(() => []);
  const { rows } = await c.query<{ seq: number; room_id: string; eid: string | null }>(
    `INSERT INTO events (room_id, ts, type, eid, body)
     SELECT r, t, ty, e, b FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
       WITH ORDINALITY AS x(r, t, ty, e, b, o) ORDER BY o
     ON CONFLICT DO NOTHING RETURNING seq, room_id, eid`,
    [
      all.map((x) => x.roomId),
      all.map((x) => Math.trunc(x.e.ts)),
      all.map((x) => x.e.type),
      all.map((x) => x.e.id ?? null),
      all.map((x) => JSON.stringify(x.e)),
    ],
  );
  // Rows are numbered in input order, so the inserted ones, by seq, are the new events in input order.
  const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
  const newIds = new Set(rows.filter((r) => r.eid !== null).map((r) => `${r.room_id}\u0000${r.eid}`));
  let next = 0;
  const out = appends.map((a) =>
    a.events.map((e) => {
      if (e.id !== undefined) {
        const key = `${a.roomId}\u0000${e.id}`;
        if (!newIds.delete(key)) return null; // stored before, or earlier in this batch
      }
      return seqs[next++] ?? null;
    }),
  );
  if (next !== seqs.length) throw new Error(`insert mapped ${next} of ${seqs.length} new events`);
  return out;
}

async function upsertStates(c: Client, rows: [string, number, number, number | null, string][]) {
  if (rows.length === 0) return;
  await c.query(
    `INSERT INTO states (room_id, sec, seq, base, body)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[])
     ON CONFLICT (room_id, sec) DO UPDATE SET seq = EXCLUDED.seq, base = EXCLUDED.base, body = EXCLUDED.body`,
    [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i])),
  );
}

async function upsertTicks(c: Client, rows: [string, number, number, number | null, string][]) {
  if (rows.length === 0) return;
  await c.query(
    `INSERT INTO ticks (room_id, ts, seq, base, body)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[])
     ON CONFLICT (room_id, ts, seq) DO UPDATE SET base = EXCLUDED.base, body = EXCLUDED.body`,
    [0, 1, 2, 3, 4].map((i) => rows.map((r) => r[i])),
  );
}

async function insertJournal(c: Client, entries: PendingJournal[]) {
  if (entries.length === 0) return;
  // A fenced entry is dropped when the room's fence has passed its token (another instance took the room).
  await c.query(
    `INSERT INTO journal (room_id, ts, kind, body)
     SELECT r, t, k, b FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[])
       WITH ORDINALITY AS x(r, t, k, b, f, o)
     WHERE f IS NULL OR f >= COALESCE((SELECT token FROM room_fences WHERE room_id = r), 0)
     ORDER BY o`,
    [
      entries.map((j) => j.roomId),
      entries.map((j) => j.ts),
      entries.map((j) => j.kind),
      entries.map((j) => j.body),
      entries.map((j) => j.fence),
    ],
  );
}
