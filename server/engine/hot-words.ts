// Hot barrage words (弹幕热词) over the last minute, the last 5 minutes and the session, in event time.
//
// Voices, not lines: within one minute bucket a viewer adds at most 1 to a word (flood damping), so a viewer
// pasting a phrase 500 times is one voice, while a phrase chanted by many viewers stays hot. Comments without
// a userId count each (there is no one to damp).
//
// Rising: a word is rising when it has at least RISING_MIN_VOICES voices in the last minute and at least
// RISING_FACTOR × its per-minute rate over the baseline, the BASELINE_MINUTES before that minute (or the whole
// session before it, when the session is younger). With less than one minute of baseline nothing is rising:
// at the start of a stream every word is new. A word absent from the baseline needs only the minimum voices.
//
// Windows slide: a minute bucket straddling a window edge counts in proportion to the part of its elapsed time
// inside the window, so 1m and 5m move smoothly instead of jumping at minute boundaries.
//
// Bounded memory: a ring of RING_MINUTES buckets keyed by floor(ts / 60 s); each bucket counts words in
// Space-Saving (MINUTE_CAPACITY) and is cleared when its slot is reused. Voices are 30-bit hashes, at most
// MAX_VOICES_PER_MINUTE a minute (further voices count undamped), kept only for the VOICE_MINUTES newest
// minutes: late events are seconds late, and older voice sets would cost memory for nothing. The session is
// Space-Saving (SESSION_CAPACITY) ranked by its guaranteed count. So a late event from before the previous
// minute counts undamped, and one older than the ring counts in the session only.
import { WINDOW_MS } from '../../shared/constants.ts';
import type { HotWord } from '../../shared/state.ts';
import { hash32a, hash32b } from './sketch/hash.ts';
import { SpaceSaving, type SpaceSavingCheckpoint, selectTop } from './sketch/space-saving.ts';
import type { Tokenizer } from './tokenizer-types.ts';

export type HotWordWindow = '1m' | '5m' | 'session';

export const BASELINE_MINUTES = 10;
/** The last minute straddles two buckets and the baseline reaches BASELINE_MINUTES further back. */
export const RING_MINUTES = BASELINE_MINUTES + 2;
export const MINUTE_CAPACITY = 5_000;
export const SESSION_CAPACITY = 2_000;
/** About 5 MB of hashes (26 bytes each in a V8 Set) per minute at most; a room would need thousands of lines
 * a second to reach it. */
export const MAX_VOICES_PER_MINUTE = 200_000;
/** The current and the previous minute keep their voices. */
export const VOICE_MINUTES = 2;
export const RISING_MIN_VOICES = 3;
export const RISING_FACTOR = 2;
const WINDOW_MINUTES = { '1m': 1, '5m': 5 } as const;

class MinuteWords {
  minute = Number.NEGATIVE_INFINITY;
  readonly words = new SpaceSaving(MINUTE_CAPACITY);
  readonly voices = new Set<number>();

  reset(minute: number): void {
    this.minute = minute;
    this.words.clear();
    this.voices.clear();
  }

  /** True the first time this (viewer, word) voice is heard this minute. */
  admit(voice: number): boolean {
    if (this.voices.has(voice)) return false;
    if (this.voices.size < MAX_VOICES_PER_MINUTE) this.voices.add(voice);
    return true;
  }
}

export class HotWordTracker {
  private readonly ring = Array.from({ length: RING_MINUTES }, () => new MinuteWords());
  private readonly session = new SpaceSaving(SESSION_CAPACITY);
  private latestMinute = Number.NEGATIVE_INFINITY;
  private firstTs = Number.POSITIVE_INFINITY;

  constructor(private readonly tokenizer: Pick<Tokenizer, 'tokenize'>) {}

  addComment(ts: number, userId: string | undefined, text: string): void {
    if (ts < this.firstTs) this.firstTs = ts;
    const words = this.tokenizer.tokenize(text);
    if (words.length === 0) return;
    const bucket = this.bucketFor(ts);
    const damp = bucket !== null && userId !== undefined && bucket.minute > this.latestMinute - VOICE_MINUTES;
    const user = damp ? Math.imul(hash32a(userId), 0x9e3779b1) : null;
    for (const w of words) {
      if (bucket !== null) {
        // 30 bits keep the hash a small integer in V8; a collision (≈ voices / 2^30) drops one voice.
        if (user !== null && !bucket.admit((user ^ hash32b(w)) & 0x3fffffff)) continue;
        bucket.words.add(w);
      }
      this.session.add(w);
    }
  }

  /** The n hottest words of a window as of event time `nowTs`, count descending then word ascending. */
  top(window: HotWordWindow, nowTs: number, n = 20): HotWord[] {
    const counted =
      window === 'session'
        ? this.session.top(n, 'guaranteed').map((e): [string, number] => [e.key, e.count - e.error])
        : this.windowTop(nowTs - WINDOW_MINUTES[window] * WINDOW_MS, nowTs, n);
    return counted.map(([word, count]) => ({ word, count, rising: this.isRising(word, nowTs) }));
  }

  /** JSON has no infinities: the "never" minutes and times travel as null. */
  checkpoint(): HotWordsCheckpoint {
    return {
      ring: this.ring.map((b) => ({ minute: finite(b.minute), words: b.words.checkpoint(), voices: [...b.voices] })),
      session: this.session.checkpoint(),
      latestMinute: finite(this.latestMinute),
      firstTs: finite(this.firstTs),
    };
  }

  restore(s: HotWordsCheckpoint): void {
    s.ring.forEach((b, i) => {
      const into = this.ring[i]!;
      into.reset(b.minute ?? Number.NEGATIVE_INFINITY);
      into.words.restore(b.words);
      for (const v of b.voices) into.voices.add(v);
    });
    this.session.restore(s.session);
    this.latestMinute = s.latestMinute ?? Number.NEGATIVE_INFINITY;
    this.firstTs = s.firstTs ?? Number.POSITIVE_INFINITY;
  }

  /** Sizes of the bounded structures, for memory checks. */
  footprint(): { sessionWords: number; minuteWords: number; voices: number } {
    let minuteWords = 0;
    let voices = 0;
    for (const b of this.ring) {
      minuteWords += b.words.size;
      voices += b.voices.size;
    }
    return { sessionWords: this.session.size, minuteWords, voices };
  }

  private isRising(word: string, nowTs: number): boolean {
    const lastMinuteFrom = nowTs - WINDOW_MS;
    const current = this.count(word, lastMinuteFrom, nowTs, nowTs);
    if (current < RISING_MIN_VOICES) return false;
    const baselineMinutes = Math.min(BASELINE_MINUTES, (lastMinuteFrom - this.firstTs) / WINDOW_MS);
    if (!(baselineMinutes >= 1)) return false;
    const baseline = this.count(word, lastMinuteFrom - baselineMinutes * WINDOW_MS, lastMinuteFrom, nowTs);
    return current >= (RISING_FACTOR * baseline) / baselineMinutes;
  }

  private windowTop(from: number, to: number, n: number): [string, number][] {
    const merged = new Map<string, number>();
    this.overlapping(from, to, to, (b, weight) =>
      b.words.forEach((w, c) => {
        merged.set(w, (merged.get(w) ?? 0) + c * weight);
      }),
    );
    const words = [...merged.keys()];
    const counts = words.map((w) => Math.round(merged.get(w)!));
    const picked = selectTop(
      words.length,
      n,
      (i) => counts[i]!,
      (i) => words[i]!,
    );
    return picked.filter((i) => counts[i]! > 0).map((i) => [words[i]!, counts[i]!]);
  }

  private count(word: string, from: number, to: number, nowTs: number): number {
    let sum = 0;
    this.overlapping(from, to, nowTs, (b, weight) => {
      sum += b.words.get(word) * weight;
    });
    return sum;
  }

  /**
   * Calls `fn` for each bucket overlapping the window (from, to], weighted by the share of the bucket's elapsed
   * time (up to `nowTs`: the current minute is not over yet) that lies inside the window.
   */
  private overlapping(from: number, to: number, nowTs: number, fn: (b: MinuteWords, weight: number) => void): void {
    for (const b of this.ring) {
      const lo = b.minute * WINDOW_MS;
      const hi = Math.min(lo + WINDOW_MS, nowTs + 1);
      const inside = Math.min(hi, to + 1) - Math.max(lo, from + 1);
      if (inside > 0) fn(b, inside / (hi - lo));
    }
  }

  private bucketFor(ts: number): MinuteWords | null {
    const minute = Math.floor(ts / WINDOW_MS);
    if (minute <= this.latestMinute - RING_MINUTES) return null;
    if (minute > this.latestMinute) this.advanceTo(minute);
    const b = this.ring[((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES]!;
    if (b.minute !== minute) b.reset(minute);
    return b;
  }

  private advanceTo(minute: number): void {
    this.latestMinute = minute;
    for (const b of this.ring) if (b.minute <= minute - VOICE_MINUTES && b.voices.size > 0) b.voices.clear();
  }
}

export interface HotWordsCheckpoint {
  ring: { minute: number | null; words: SpaceSavingCheckpoint; voices: number[] }[];
  session: SpaceSavingCheckpoint;
  latestMinute: number | null;
  firstTs: number | null;
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);
