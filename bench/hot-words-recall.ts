// Hot words: the tracker's bounded session top-20 against exact counting (unbounded maps, the same tokenizer,
// normalisation and flood damping) on the real danmaku recordings in the kit. recall@20 = |top20 ∩ exact20| / 20.
import fs from 'node:fs';
import path from 'node:path';
import { HotWordTracker } from '../server/engine/hot-words.ts';
import { createTokenizer } from '../server/engine/tokenizer.ts';
import { parseBilibiliXml } from '../server/sources/import/bilibili-xml.ts';
import { WINDOW_MS } from '../shared/constants.ts';

const KIT = path.resolve(process.cwd(), '../shared/data/danmaku');
export const DANMAKU_FILES = ['bilibili-live-2020-12-11.xml', 'bilibili-live-2020-12-12.xml'];

/** Exact session counts with the tracker's damping rule: one voice per viewer, word and minute. */
export function exactCounts(
  comments: { ts: number; userId?: string; text: string }[],
  tokenize: (t: string) => string[],
) {
  const counts = new Map<string, number>();
  const voices = new Set<string>();
  for (const c of comments) {
    const minute = Math.floor(c.ts / WINDOW_MS);
    for (const w of tokenize(c.text)) {
      if (c.userId !== undefined) {
        const v = `${minute}\u0001${c.userId}\u0001${w}`;
        if (voices.has(v)) continue;
        voices.add(v);
      }
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

export async function benchHotWordsRecall(): Promise<{ file: string; recallAt20: number; commentsPerSec: number }[]> {
  const tokenizer = createTokenizer();
  return DANMAKU_FILES.map((file) => {
    const { events } = parseBilibiliXml(fs.readFileSync(path.join(KIT, file), 'utf8'));
    const tracker = new HotWordTracker(tokenizer);
    const start = performance.now();
    for (const e of events) tracker.addComment(e.ts, e.userId, e.text);
    const seconds = (performance.now() - start) / 1000;
    const last = events[events.length - 1]!.ts;
    const got = new Set(tracker.top('session', last, 20).map((w) => w.word));
    const exact = [...exactCounts(events, (t) => tokenizer.tokenize(t))]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([w]) => w);
    const hits = exact.filter((w) => got.has(w)).length;
    return { file, recallAt20: hits / exact.length, commentsPerSec: events.length / seconds };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchHotWordsRecall()) console.log(r);
}
