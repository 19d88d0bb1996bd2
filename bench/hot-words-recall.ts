// Hot words on the real danmaku recordings in the kit: the tracker's bounded session top-20 against exact
// counting (unbounded maps, the same tokenizer, normalisation and flood damping), and the tracker's throughput
// including tokenization. recall@20 = |tracker top 20 ∩ exact top 20| / 20; target ≥ 0.95.
// Run alone: npx tsx bench/hot-words-recall.ts
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HotWordTracker } from '../server/engine/hot-words.ts';
import { createTokenizer } from '../server/engine/tokenizer.ts';
import { WINDOW_MS } from '../shared/constants.ts';

export const DANMAKU_DIR = path.resolve(process.cwd(), '../shared/data/danmaku');
export const DANMAKU_FILES = ['bilibili-live-2020-12-11.xml', 'bilibili-live-2020-12-12.xml'];

export interface Danmaku {
  ts: number;
  userId: string;
  text: string;
}

const ELEMENT = /<d p="([^"]+)">([^<]*)<\/d>/g;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** Bilibili danmaku XML, `p="rel_s,mode,size,color,unix_s,pool,uid,seq"`: a quick reader for the kit's files
 * (the product's importer lives in server/sources), sorted by send time with file order kept within a second. */
export function readDanmaku(file: string): Danmaku[] {
  const xml = fs.readFileSync(path.join(DANMAKU_DIR, file), 'utf8');
  const out: Danmaku[] = [];
  for (const [, p, raw] of xml.matchAll(ELEMENT)) {
    const fields = p!.split(',');
    const text = raw!.replace(/&(?:lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]!);
    out.push({ ts: Number(fields[4]) * 1000, userId: fields[6]!, text });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** Exact session counts under the tracker's damping rule: one voice per viewer, word and minute. */
export function exactCounts(comments: Danmaku[], tokenize: (text: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const voices = new Set<string>();
  for (const c of comments) {
    const minute = Math.floor(c.ts / WINDOW_MS);
    for (const w of tokenize(c.text)) {
      const voice = `${minute}\u0001${c.userId}\u0001${w}`;
      if (voices.has(voice)) continue;
      voices.add(voice);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

export function exactTop(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

export async function benchHotWordsRecall(): Promise<{ file: string; recallAt20: number; commentsPerSec: number }[]> {
  const tokenizer = createTokenizer();
  return DANMAKU_FILES.map((file) => {
    const comments = readDanmaku(file);
    const run = () => {
      const tracker = new HotWordTracker(tokenizer);
      const start = performance.now();
      for (const c of comments) tracker.addComment(c.ts, c.userId, c.text);
      return { tracker, seconds: (performance.now() - start) / 1000 };
    };
    run(); // warm-up: the first file is too short to amortise JIT compilation
    const { tracker, seconds } = run();
    const got = new Set(tracker.top('session', comments.at(-1)!.ts, 20).map((w) => w.word));
    const exact = exactTop(
      exactCounts(comments, (t) => tokenizer.tokenize(t)),
      20,
    );
    const hits = exact.filter(([w]) => got.has(w)).length;
    return { file, recallAt20: hits / exact.length, commentsPerSec: comments.length / seconds };
  });
}

const LINES = [
  '主播这个保温杯多少钱',
  '已拍已拍',
  '扣1扣1扣1',
  '666666',
  '哈哈哈哈哈',
  '有运费险吗',
  '偏大还是偏小，我160穿什么尺码',
  '干皮能用吗',
  '链接在哪',
  '卡了卡了没声音',
  '客服不回消息，不发货，退款',
  '福袋什么时候开',
  '上车上车',
  '好耶',
  '啊这',
  '家人们冲冲冲',
  'awsl 主播好美',
  '？？？',
];

/** A synthetic storm: 500,000 lines at 2,000 a second from 100,000 viewers, with a tail of unique words, to
 * load the bounded structures (evictions, voice sets) harder than the recordings do. */
export function benchHotWordsThroughput(): { comments: number; commentsPerSec: number; tokenizeOnlyPerSec: number } {
  const tokenizer = createTokenizer({ extraWords: ['保温杯'] });
  const n = 500_000;
  const t0 = Date.UTC(2026, 0, 1, 12);
  const texts = Array.from({ length: n }, (_, i) =>
    i % 7 === 0 ? `${LINES[i % LINES.length]}${i}号` : LINES[i % LINES.length]!,
  );
  let start = performance.now();
  for (const t of texts) tokenizer.tokenize(t);
  const tokenizeOnlyPerSec = n / ((performance.now() - start) / 1000);
  const tracker = new HotWordTracker(tokenizer);
  start = performance.now();
  for (let i = 0; i < n; i++) tracker.addComment(t0 + Math.floor(i / 2), `u${(i * 7919) % 100_000}`, texts[i]!);
  const commentsPerSec = n / ((performance.now() - start) / 1000);
  return { comments: n, commentsPerSec, tokenizeOnlyPerSec };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchHotWordsRecall();
  console.log('file                              recall@20   comments/s (tokenize + count)');
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(34)}${r.recallAt20.toFixed(2).padStart(9)}   ${Math.round(r.commentsPerSec).toLocaleString('en-US').padStart(12)}`,
    );
  }
  const storm = benchHotWordsThroughput();
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(
    `synthetic storm, ${fmt(storm.comments)} lines: ${fmt(storm.commentsPerSec)} comments/s (tokenize + count), ` +
      `${fmt(storm.tokenizeOnlyPerSec)}/s tokenize only (target ≥ 50,000/s)`,
  );
}
