// Hot words: the tokenizer, the tracker's rules on hand-made streams (a whitespace tokenizer keeps those exact),
// and the tracker on danmaku recordings: generated ones (repo) and the real ones from the kit (skipped without it).
import { beforeAll, describe, expect, it } from 'vitest';
import { type Danmaku, exactCounts, exactTop, readDanmaku } from '../../bench/hot-words-recall.ts';
import { HotWordTracker, MINUTE_CAPACITY, SESSION_CAPACITY } from '../../server/engine/hot-words.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import type { Tokenizer } from '../../server/engine/tokenizer-types.ts';
import type { HotWord } from '../../shared/state.ts';
import { generateDanmaku } from '../fixtures/danmaku.ts';
import { KIT_DATA } from '../helpers/kit-data.ts';
import { needs } from '../helpers/requirements.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1, 12); // a minute boundary
const words = { tokenize: (text: string) => [...new Set(text.split(' ').filter(Boolean))] };
const countOf = (list: HotWord[], word: string) => list.find((w) => w.word === word)?.count ?? 0;
const risingOf = (list: HotWord[], word: string) => list.find((w) => w.word === word)?.rising ?? false;

let tokenizer: Tokenizer;
beforeAll(() => {
  tokenizer = createTokenizer({ extraWords: ['保温杯', '小米手环8 Pro'] });
});

describe('tokenizer', () => {
  it('keeps slang, product names and English words whole', () => {
    expect(tokenizer.tokenize('主播这个保温杯多少钱')).toEqual(['主播', '保温杯', '多少钱']);
    expect(tokenizer.tokenize('有运费险吗？偏大还是偏小')).toEqual(['运费险', '偏大', '偏小']);
    expect(tokenizer.tokenize('卡了没声音')).toEqual(['卡了', '没声音']);
    expect(tokenizer.tokenize('啊这 麻了 好耶')).toEqual(['啊这', '麻了', '好耶']);
    expect(tokenizer.tokenize('小米手环8有货吗')).toEqual(['小米手环8', '有货']);
    expect(tokenizer.tokenize('So CUTE, awsl')).toEqual(['cute', 'awsl']);
  });

  it('normalises repeats and dedupes within a line', () => {
    expect(tokenizer.tokenize('已拍已拍已拍')).toEqual(['已拍']);
    expect(tokenizer.tokenize('扣1扣1')).toEqual(['扣1']);
    expect(tokenizer.tokenize('66666666')).toEqual(['666']);
    expect(tokenizer.tokenize('哈哈哈哈哈 哈哈')).toEqual(['哈哈']);
    expect(tokenizer.tokenize('然然超可爱然然超可爱')).toEqual(['然然', '可爱']);
  });

  it('drops stopwords, punctuation, emoji, kaomoji and single characters outside the whitelist', () => {
    expect(tokenizer.tokenize('的了吗？？？')).toEqual([]);
    expect(tokenizer.tokenize('😂😂 (｀・ω・´) O(∩_∩)O')).toEqual([]);
    expect(tokenizer.tokenize('this is it')).toEqual([]);
    expect(tokenizer.tokenize('草')).toEqual(['草']);
    expect(tokenizer.tokenize('冲！')).toEqual(['冲']);
    expect(tokenizer.tokenize('我')).toEqual([]);
    expect(tokenizer.tokenize('abcdefghijklmnopqrstuvwxyz')).toEqual([]);
  });

  it('learns catalogue names at run time', () => {
    const t = createTokenizer();
    t.addWords(['紫砂焖烧壶']);
    expect(t.tokenize('紫砂焖烧壶还有吗')).toContain('紫砂焖烧壶');
  });
});

describe('HotWordTracker rules', () => {
  it('counts one voice per viewer, word and minute; anonymous lines count each', () => {
    const h = new HotWordTracker(words);
    for (let i = 0; i < 500; i++) h.addComment(T0 + i * 100, 'spammer', '关注 主播');
    for (let i = 0; i < 5; i++) h.addComment(T0 + i, `u${i}`, '尺码');
    for (let i = 0; i < 4; i++) h.addComment(T0 + i, undefined, '尺码');
    const now = T0 + 50_000;
    expect(countOf(h.top('1m', now), '关注')).toBe(1);
    expect(countOf(h.top('1m', now), '尺码')).toBe(9);
    h.addComment(T0 + MIN + 1, 'spammer', '关注'); // a new minute is a new voice
    expect(countOf(h.top('session', now + MIN), '关注')).toBe(2);
  });

  it('separates 1 min, 5 min and session windows, and drains them in a lull', () => {
    const h = new HotWordTracker(words);
    for (let m = 0; m < 10; m++) for (let i = 0; i < 3; i++) h.addComment(T0 + m * MIN, `a${m}-${i}`, '包邮');
    const now = T0 + 10 * MIN - 1; // the end of minute 9
    expect(countOf(h.top('1m', now), '包邮')).toBe(3);
    expect(countOf(h.top('5m', now), '包邮')).toBe(15);
    expect(countOf(h.top('session', now), '包邮')).toBe(30);
    expect(h.top('1m', now + 20 * MIN)).toEqual([]);
    expect(h.top('5m', now + 20 * MIN)).toEqual([]);
    expect(countOf(h.top('session', now + 20 * MIN), '包邮')).toBe(30);
  });

  it('slides: a minute straddling the window edge counts in proportion', () => {
    const h = new HotWordTracker(words);
    for (let i = 0; i < 10; i++) h.addComment(T0 + i * 6000, `u${i}`, '秒杀');
    expect(countOf(h.top('1m', T0 + MIN + 30_000), '秒杀')).toBe(5);
  });

  it('sorts by count then word, and honours n', () => {
    const h = new HotWordTracker(words);
    for (let i = 0; i < 3; i++) h.addComment(T0, `u${i}`, 'b a c');
    h.addComment(T0, 'u9', 'd');
    expect(h.top('1m', T0 + 1000, 3).map((w) => w.word)).toEqual(['a', 'b', 'c']);
    expect(h.top('session', T0 + 1000).map((w) => `${w.word}${w.count}`)).toEqual(['a3', 'b3', 'c3', 'd1']);
  });

  it('marks rising words against the baseline, with a minimum of voices', () => {
    const h = new HotWordTracker(words);
    for (let m = 0; m < 10; m++) {
      for (let i = 0; i < 4; i++) h.addComment(T0 + m * MIN, `s${m}-${i}`, '包邮'); // steady 4/min
      h.addComment(T0 + m * MIN, `d${m}`, '多少钱'); // steady 1/min
    }
    const m10 = T0 + 10 * MIN;
    for (let i = 0; i < 12; i++) h.addComment(m10 + i * 1000, `r${i}`, '退款'); // new, 12 voices
    for (let i = 0; i < 2; i++) h.addComment(m10 + i * 1000, `n${i}`, '客服'); // new, but only 2 voices
    for (let i = 0; i < 4; i++) h.addComment(m10 + i * 1000, `t${i}`, '多少钱'); // 4× its baseline
    for (let i = 0; i < 5; i++) h.addComment(m10 + i * 1000, `p${i}`, '包邮'); // 1.25× its baseline
    const top = h.top('1m', m10 + MIN - 1);
    expect(risingOf(top, '退款')).toBe(true);
    expect(risingOf(top, '客服')).toBe(false);
    expect(risingOf(top, '多少钱')).toBe(true);
    expect(risingOf(top, '包邮')).toBe(false);
    expect(risingOf(h.top('session', m10 + MIN - 1), '退款')).toBe(true);
  });

  it('marks nothing rising in the first minute of a stream: there is no baseline yet', () => {
    const h = new HotWordTracker(words);
    for (let i = 0; i < 20; i++) h.addComment(T0 + i * 1000, `u${i}`, '来了');
    expect(h.top('1m', T0 + 30_000)[0]).toEqual({ word: '来了', count: 20, rising: false });
  });

  it('puts a late event in its minute while the ring holds it, else in the session only', () => {
    const h = new HotWordTracker(words);
    h.addComment(T0 + 30 * MIN, 'u1', '现场');
    h.addComment(T0 + 28 * MIN, 'u2', '迟到');
    h.addComment(T0, 'u3', '太迟');
    const now = T0 + 30 * MIN + 1000;
    expect(countOf(h.top('5m', now), '迟到')).toBe(1);
    expect(countOf(h.top('5m', now), '太迟')).toBe(0);
    expect(countOf(h.top('session', now), '太迟')).toBe(1);
  });

  it('damps late events in the previous minute, and counts later ones undamped (their voices are dropped)', () => {
    const h = new HotWordTracker(words);
    h.addComment(T0 + 30 * MIN, 'u1', '现场');
    for (let i = 0; i < 3; i++) h.addComment(T0 + 29 * MIN + i, 'u2', '刚才');
    for (let i = 0; i < 3; i++) h.addComment(T0 + 25 * MIN + i, 'u3', '早先');
    const session = h.top('session', T0 + 30 * MIN + 1000);
    expect(countOf(session, '刚才')).toBe(1);
    expect(countOf(session, '早先')).toBe(3);
    expect(h.footprint().voices).toBe(2);
  });

  it('keeps memory bounded under a long tail of distinct words and viewers', () => {
    const h = new HotWordTracker(words);
    for (let i = 0; i < 300_000; i++) {
      const ts = T0 + Math.floor(i / 1000) * 1000; // 1,000 lines a second for 5 minutes
      h.addComment(ts, `u${i % 50_000}`, i % 4 === 0 ? '上车' : `尾巴${i}`);
    }
    const f = h.footprint();
    expect(f.sessionWords).toBeLessThanOrEqual(SESSION_CAPACITY);
    expect(f.minuteWords).toBeLessThanOrEqual(12 * MINUTE_CAPACITY);
    expect(h.top('session', T0 + 5 * MIN)[0]).toMatchObject({ word: '上车' });
    // 15,000 上车 lines a minute from 12,500 viewers (every 4th of 50,000): 12,500 voices a minute.
    expect(countOf(h.top('5m', T0 + 5 * MIN - 1), '上车')).toBe(5 * 12_500);
  });
});

const run = (comments: Danmaku[], until = Number.POSITIVE_INFINITY) => {
  const h = new HotWordTracker(tokenizer);
  for (const c of comments) if (c.ts <= until) h.addComment(c.ts, c.userId, c.text);
  return h;
};

/** A chant sent many times by many viewers counts its voices (viewer-minutes), not its lines. */
function expectChantDamped(comments: Danmaku[], chant: string, word: string, lines: number) {
  const spam = comments.filter((c) => c.text === chant);
  expect(spam.length).toBe(lines);
  const voices = new Set(spam.map((c) => `${c.userId} ${Math.floor(c.ts / MIN)}`)).size;
  const withWord = comments.filter((c) => tokenizer.tokenize(c.text).includes(word));
  const session = run(comments).top('session', comments.at(-1)!.ts);
  const damped = countOf(session, word);
  expect(damped).toBeGreaterThanOrEqual(voices);
  expect(damped).toBeLessThanOrEqual(voices + (withWord.length - spam.length));
  expect(damped).toBeLessThan(spam.length / 2);
  expect(session.map((w) => [w.word, w.count])).toEqual(exactTop(exactCounts(comments, tokenizer.tokenize), 20));
  return session.map((w) => w.word);
}

/** At the busiest minute: 1m ⊂ 5m ⊂ session, and the busy minute's words are on top. */
function expectWindowsNest(comments: Danmaku[]) {
  const perMinute = new Map<number, number>();
  for (const c of comments) perMinute.set(Math.floor(c.ts / MIN), (perMinute.get(Math.floor(c.ts / MIN)) ?? 0) + 1);
  const busiest = [...perMinute].sort((a, b) => b[1] - a[1])[0]![0];
  const now = busiest * MIN + MIN - 1;
  const h = run(comments, now);
  const [m1, m5, all] = [h.top('1m', now, 50), h.top('5m', now, 200), h.top('session', now, 2000)];
  expect(m1.length).toBeGreaterThan(5);
  for (const w of m1) expect(countOf(m5, w.word)).toBeGreaterThanOrEqual(w.count);
  for (const w of m5) expect(countOf(all, w.word)).toBeGreaterThanOrEqual(w.count);
  const lastMinute = comments.filter((c) => Math.floor(c.ts / MIN) === busiest);
  const exact1m = exactTop(exactCounts(lastMinute, tokenizer.tokenize), 3).map(([w]) => w);
  expect(m1.slice(0, 3).map((w) => w.word)).toEqual(exact1m);
}

describe('HotWordTracker on a generated recording', () => {
  const f = generateDanmaku();

  it('damps the chant to its voices, and the slang makes the top 20 exactly as counted', () => {
    const top = expectChantDamped(f.comments, f.chant.text, f.chant.word, f.chant.lines);
    for (const w of ['好耶', '草', '麻了', '777', '666', '啊这']) expect(top).toContain(w);
  });

  it('nests its windows at the busiest minute', () => expectWindowsNest(f.comments));
});

describe('HotWordTracker on the real danmaku', needs(KIT_DATA), () => {
  // "然然超可爱" is sent 18,491 times, but by 956 viewers over 118 minutes: a crowd chant, in 6,258 distinct
  // viewer-minutes. Damping counts those voices, not the lines: a third of the raw count.
  it('2020-12-12: damps the 18,491-line chant to its voices, and real slang makes the top 20', () => {
    const comments = readDanmaku('bilibili-live-2020-12-12.xml');
    const top = expectChantDamped(comments, '然然超可爱', '然然', 18_491);
    const session = run(comments).top('session', comments.at(-1)!.ts);
    expect(countOf(session, '可爱')).toBeLessThan(18_491 / 2);
    for (const w of ['好耶', '草', '麻了', '777', '666']) expect(top).toContain(w);
  });

  it('2020-12-11: real slang makes the top 20', () => {
    const comments = readDanmaku('bilibili-live-2020-12-11.xml');
    const top = run(comments)
      .top('session', comments.at(-1)!.ts)
      .map((w) => w.word);
    for (const w of ['麻了', '啊这', '草', '哈哈']) expect(top).toContain(w);
  });

  it.each(['bilibili-live-2020-12-11.xml', 'bilibili-live-2020-12-12.xml'])('%s: windows nest', (file) =>
    expectWindowsNest(readDanmaku(file)),
  );
});
