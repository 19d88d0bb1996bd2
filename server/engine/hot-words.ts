// Hot barrage words (弹幕热词) over 1 min, 5 min and the session, in event time.
// Flood damping: within one minute a viewer adds at most 1 to a word, so one viewer repeating a phrase is one
// voice. Rising: a word is rising when its last-minute count is at least 3 voices and at least twice its
// per-minute rate over the 10 minutes before (smoothed by one, so a brand-new word needs those 3 voices).
import { WINDOW_MS } from '../../shared/constants.ts';
import type { HotWord } from '../../shared/state.ts';
import { SpaceSaving } from './sketch/space-saving.ts';
import type { Tokenizer } from './tokenizer-types.ts';

const RING_MINUTES = 12;
const BASELINE_MINUTES = 10;
const MAX_WORDS_PER_MINUTE = 5000;
const SESSION_CAPACITY = 2000;
const RISING_MIN_VOICES = 3;
const RISING_FACTOR = 2;

interface MinuteWords {
  minute: number;
  counts: Map<string, number>;
  voices: Set<string>;
}

export type HotWordWindow = '1m' | '5m' | 'session';

export class HotWordTracker {
  private readonly ring: MinuteWords[] = [];
  private readonly session = new SpaceSaving(SESSION_CAPACITY);

  constructor(private readonly tokenizer: Pick<Tokenizer, 'tokenize'>) {}

  addComment(ts: number, userId: string | undefined, text: string): void {
    const words = this.tokenizer.tokenize(text);
    if (words.length === 0) return;
    const bucket = this.bucket(ts);
    for (const w of words) {
      if (bucket && userId !== undefined) {
        const voice = `${userId}\u0001${w}`;
        if (bucket.voices.has(voice)) continue;
        bucket.voices.add(voice);
      }
      if (bucket) bucket.counts.set(w, (bucket.counts.get(w) ?? 0) + 1);
      this.session.add(w);
    }
    if (bucket && bucket.counts.size > MAX_WORDS_PER_MINUTE) prune(bucket.counts);
  }

  top(window: HotWordWindow, nowTs: number, n = 20): HotWord[] {
    const recent = this.windowCounts(nowTs, WINDOW_MS);
    const baseline = this.windowCounts(nowTs - WINDOW_MS, BASELINE_MINUTES * WINDOW_MS);
    const isRising = (w: string) => {
      const cur = recent.get(w) ?? 0;
      const base = ((baseline.get(w) ?? 0) + 1) / BASELINE_MINUTES;
      return cur >= RISING_MIN_VOICES && cur >= RISING_FACTOR * base;
    };
    const entries: [string, number][] =
      window === 'session'
        ? this.session.top(n).map((e) => [e.key, e.count])
        : [...(window === '1m' ? recent : this.windowCounts(nowTs, 5 * WINDOW_MS))];
    return entries
      .map(([word, count]) => ({ word, count: Math.round(count), rising: isRising(word) }))
      .filter((e) => e.count > 0)
      .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))
      .slice(0, n);
  }

  /** Word counts over event time (nowTs - ms, nowTs], prorating the minute the window starts in. */
  private windowCounts(nowTs: number, ms: number): Map<string, number> {
    const out = new Map<string, number>();
    const from = nowTs - ms;
    for (const b of this.ring) {
      if (!b) continue; // slots not used yet
      const lo = b.minute * WINDOW_MS;
      const hi = lo + WINDOW_MS;
      if (hi <= from || lo > nowTs) continue;
      const weight = lo >= from ? 1 : (hi - from) / WINDOW_MS;
      for (const [w, c] of b.counts) out.set(w, (out.get(w) ?? 0) + c * weight);
    }
    return out;
  }

  private bucket(ts: number): MinuteWords | null {
    const minute = Math.floor(ts / WINDOW_MS);
    const slot = ((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES;
    const b = this.ring[slot];
    if (b && b.minute === minute) return b;
    if (b && b.minute > minute) return null; // older than the ring: session only
    const fresh: MinuteWords = { minute, counts: new Map(), voices: new Set() };
    this.ring[slot] = fresh;
    return fresh;
  }
}

/** Keep the larger half of a minute's words: only the head can reach a top 20. */
function prune(counts: Map<string, number>): void {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  for (let i = MAX_WORDS_PER_MINUTE / 2; i < sorted.length; i++) counts.delete(sorted[i]![0]);
}
