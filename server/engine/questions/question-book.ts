// The room's questions, near-duplicates grouped (尺码偏大吗 / 尺码偏大么 / 码数偏大吗 are one entry): askers,
// first and last asked, rising, and what the team did with it (sent as a cue, answered, ignored). Pure, event
// time only. Memory is bounded: at most MAX_GROUPS entries (the least recently asked leave first) and
// MAX_ASKER_IDS viewer ids per entry (askers beyond are counted, not remembered).

import type { QuestionEntry, QuestionStats, QuestionStatus } from '../../../shared/questions.ts';
import { queueScore } from '../../../shared/questions.ts';
import { normaliseBarrage } from '../../../shared/text/normalise.ts';
import type { Tokenizer } from '../tokenizer-types.ts';
import { type Detected, detectQuestion } from './detect.ts';
import { questionStats } from './question-stats.ts';

export const MAX_GROUPS = 300;
const MAX_ASKER_IDS = 500;
/** Two questions are one when their content words overlap this much (Jaccard) on the same topic and product. */
const SAME_QUESTION = 0.5;
const MINUTE = 60_000;
const RECENT_LINES = 2_000;

interface Group {
  entry: QuestionEntry;
  words: string[];
  askerIds: string[];
  /** Askers in the minute `minute` and the one before: `rising` compares them. */
  minute: number;
  thisMinute: number;
  prevMinute: number;
}

export type QuestionBookCheckpoint = { groups: Group[]; seq: number; version?: number; published?: Published };

/** What the room state shows: refreshed once per second of event time (the queue) and once per 10 s (the
 * figures), at once after a status change. Asks come many a second in a busy room; refreshing the state's
 * queue at each one made every screen update carry it (fan-out bytes +38 % at 10,000 barrage/s). */
interface Published {
  top: QuestionEntry[];
  stats: QuestionStats;
  sec: number;
  bucket: number;
  dirty: boolean;
}
const STATS_EVERY_MS = 10_000;

/** Product names normalised once (a cache shared by every room: names are few and pure to derive). */
const NORM_NAMES = new Map<string, string>();
const RECENT = new WeakMap<Tokenizer, Map<string, Detected | null>>();

/** What a question is tied to: a product it names, else the one being explained. */
export interface QuestionContext {
  products: { id: string; name: string }[];
  explaining: string | null;
}

export class QuestionBook {
  private groups = new Map<string, Group>();
  /** The same groups by topic and product: a new line is compared with its own kind only. */
  private byKind = new Map<string, Group[]>();
  private seq = 0;
  /** Bumped on every change, so a caller may keep what it derived from the entries (question-stats). */
  version = 0;
  private published: Published = { top: [], stats: questionStats([]), sec: -1, bucket: -1, dirty: false };

  constructor(private readonly tokenizer: Tokenizer) {}

  /** Feed one barrage line; returns the entry it joined or opened, null when it is not a question. */
  add(ts: number, userId: string | undefined, text: string, ctx: QuestionContext): QuestionEntry | null {
    const found = this.detect(text);
    if (!found) return null;
    const norm = normaliseBarrage(text);
    const named = ctx.products.find((p) => norm.includes(this.normName(p.name)));
    const productId = named?.id ?? ctx.explaining;
    const nameWords = named ? new Set(this.tokenizer.cut?.(named.name) ?? [named.name]) : new Set<string>();
    const words = found.words.filter((w) => !nameWords.has(w));
    let g = this.match(found.topic, productId, words);
    if (!g) g = this.open(ts, text, found.topic, productId, words);
    this.ask(g, ts, userId);
    return g.entry;
  }

  /** Barrage repeats itself (扣1, a spam burst, one question asked by many): the last lines' verdicts are kept,
   * so a repeated line costs a lookup, not the rules and a jieba cut. Kept per tokenizer beside the book (a
   * cache, not part of its state). */
  private detect(text: string): Detected | null {
    let recent = RECENT.get(this.tokenizer);
    if (!recent) {
      recent = new Map();
      RECENT.set(this.tokenizer, recent);
    }
    const hit = recent.get(text);
    if (hit !== undefined) return hit;
    const found = detectQuestion(text, this.tokenizer);
    if (recent.size >= RECENT_LINES) recent.clear();
    recent.set(text, found);
    return found;
  }

  private normName(name: string): string {
    let n = NORM_NAMES.get(name);
    if (n === undefined) {
      n = normaliseBarrage(name);
      if (NORM_NAMES.size < 10_000) NORM_NAMES.set(name, n);
    }
    return n;
  }

  private match(topic: string, productId: string | null, words: string[]): Group | null {
    let best: Group | null = null;
    let bestScore = SAME_QUESTION;
    for (const g of this.byKind.get(kindOf(topic, productId)) ?? []) {
      const s = jaccard(g.words, words);
      if (s >= bestScore) [best, bestScore] = [g, s];
    }
    return best;
  }

  private open(ts: number, text: string, topic: QuestionEntry['topic'], productId: string | null, words: string[]) {
    const id = `q${++this.seq}`;
    const entry: QuestionEntry = {
      id,
      text: text.trim().slice(0, 60),
      topic,
      productId,
      askers: 0,
      firstAt: ts,
      lastAt: ts,
      rising: false,
      status: 'open',
      cueId: null,
      answeredAt: null,
    };
    const g: Group = { entry, words, askerIds: [], minute: Math.floor(ts / MINUTE), thisMinute: 0, prevMinute: 0 };
    this.groups.set(id, g);
    const kind = kindOf(topic, productId);
    this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), g]);
    if (this.groups.size > MAX_GROUPS) this.forgetOldest();
    return g;
  }

  private ask(g: Group, ts: number, userId: string | undefined): void {
    if (userId !== undefined && g.askerIds.includes(userId)) return; // one voice per viewer
    if (userId !== undefined && g.askerIds.length < MAX_ASKER_IDS) g.askerIds.push(userId);
    this.version++;
    rollMinute(g, ts);
    g.thisMinute++;
    g.entry = { ...g.entry, askers: g.entry.askers + 1, lastAt: Math.max(g.entry.lastAt, ts) };
  }

  private forgetOldest(): void {
    let oldest: Group | null = null;
    for (const g of this.groups.values()) if (!oldest || g.entry.lastAt < oldest.entry.lastAt) oldest = g;
    if (!oldest) return;
    this.groups.delete(oldest.entry.id);
    const kind = kindOf(oldest.entry.topic, oldest.entry.productId);
    const rest = (this.byKind.get(kind) ?? []).filter((g) => g !== oldest);
    if (rest.length > 0) this.byKind.set(kind, rest);
    else this.byKind.delete(kind);
  }

  get(id: string): QuestionEntry | null {
    return this.groups.get(id)?.entry ?? null;
  }

  /** Every entry at `now` (rising evaluated then), most askers first. */
  all(now: number): QuestionEntry[] {
    return [...this.groups.values()].map((g) => withRising(g, now)).sort((a, b) => b.askers - a.askers);
  }

  /** The live queue: open and cued questions by askers × recency. */
  top(now: number, n: number): QuestionEntry[] {
    return [...this.groups.values()]
      .filter((g) => g.entry.status === 'open' || g.entry.status === 'cued')
      .map((g) => withRising(g, now))
      .sort((a, b) => queueScore(b, now) - queueScore(a, now) || a.firstAt - b.firstAt)
      .slice(0, n);
  }

  /** The queue (top `n`) and the figures as the room state shows them at `now` (see Published). */
  publish(now: number, n: number): { top: QuestionEntry[]; stats: QuestionStats } {
    const p = this.published;
    const sec = Math.floor(now / 1000);
    const bucket = Math.floor(now / STATS_EVERY_MS);
    if (p.dirty || sec !== p.sec) [p.top, p.sec] = [this.top(now, n), sec];
    if (p.dirty || bucket !== p.bucket) [p.stats, p.bucket] = [questionStats(this.all(now)), bucket];
    p.dirty = false;
    return { top: p.top, stats: p.stats };
  }

  /** Sent to the prompter as cue `cueId`. Null when unknown or already closed. */
  cued(id: string, cueId: string): QuestionEntry | null {
    return this.set(id, (e) => (isClosed(e.status) ? null : { ...e, status: 'cued', cueId }));
  }

  answered(id: string, ts: number): QuestionEntry | null {
    return this.set(id, (e) => (isClosed(e.status) ? null : { ...e, status: 'answered', answeredAt: ts }));
  }

  ignored(id: string): QuestionEntry | null {
    return this.set(id, (e) => (isClosed(e.status) ? null : { ...e, status: 'ignored' }));
  }

  /** The host acknowledged cue `cueId`: the question it carried is answered. */
  cueAcked(cueId: string, ts: number): QuestionEntry | null {
    for (const g of this.groups.values()) if (g.entry.cueId === cueId) return this.answered(g.entry.id, ts);
    return null;
  }

  private set(id: string, f: (e: QuestionEntry) => QuestionEntry | null): QuestionEntry | null {
    const g = this.groups.get(id);
    const next = g ? f(g.entry) : null;
    if (g && next) {
      g.entry = next;
      this.version++;
      this.published.dirty = true;
    }
    return next;
  }

  checkpoint(): QuestionBookCheckpoint {
    return {
      groups: [...this.groups.values()].map((g) => ({ ...g, askerIds: [...g.askerIds] })),
      seq: this.seq,
      version: this.version,
      published: structuredClone(this.published),
    };
  }

  restore(s: QuestionBookCheckpoint): void {
    this.groups = new Map(s.groups.map((g) => [g.entry.id, { ...g, askerIds: [...g.askerIds] }]));
    this.byKind = new Map();
    for (const g of this.groups.values()) {
      const kind = kindOf(g.entry.topic, g.entry.productId);
      this.byKind.set(kind, [...(this.byKind.get(kind) ?? []), g]);
    }
    this.seq = s.seq;
    this.version = s.version ?? this.version + 1;
    if (s.published) this.published = structuredClone(s.published);
  }
}

const kindOf = (topic: string, productId: string | null) => `${topic}\u0001${productId ?? ''}`;
const isClosed = (s: QuestionStatus) => s === 'answered' || s === 'ignored';

function rollMinute(g: Group, ts: number): void {
  const m = Math.floor(ts / MINUTE);
  if (m <= g.minute) return;
  g.prevMinute = m === g.minute + 1 ? g.thisMinute : 0;
  g.thisMinute = 0;
  g.minute = m;
}

function withRising(g: Group, now: number): QuestionEntry {
  const m = Math.floor(now / MINUTE);
  const [cur, prev] = m === g.minute ? [g.thisMinute, g.prevMinute] : m === g.minute + 1 ? [0, g.thisMinute] : [0, 0];
  const rising = cur >= 2 && cur > prev;
  return rising === g.entry.rising ? g.entry : { ...g.entry, rising };
}

export function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let common = 0;
  for (const w of a) if (b.includes(w)) common++;
  return common / (a.length + b.length - common);
}
