// Hot words on the real danmaku recordings from the kit and on hand-made streams.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HotWordTracker } from '../../server/engine/hot-words.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import type { Tokenizer } from '../../server/engine/tokenizer-types.ts';
import { parseBilibiliXml } from '../../server/sources/import/bilibili-xml.ts';
import { kitDataPath } from '../helpers/kit-data.ts';

let tokenizer: Tokenizer;
beforeAll(() => {
  tokenizer = createTokenizer({ extraWords: ['保温杯'] });
});
const T0 = Date.UTC(2026, 0, 1, 12);

describe('tokenizer', () => {
  it('keeps slang, product names and English whole; drops stopwords and noise', () => {
    expect(tokenizer.tokenize('主播这个保温杯多少钱')).toEqual(expect.arrayContaining(['主播', '保温杯', '多少钱']));
    expect(tokenizer.tokenize('已拍已拍已拍')).toEqual(['已拍']);
    expect(tokenizer.tokenize('扣1扣1')).toEqual(['扣1']);
    expect(tokenizer.tokenize('66666666')).toEqual(['666']);
    expect(tokenizer.tokenize('so cute')).toEqual(['cute']);
    expect(tokenizer.tokenize('的了吗？？？')).toEqual([]);
  });
});

describe('HotWordTracker', () => {
  it('counts one voice per viewer, word and minute (flood damping)', () => {
    const h = new HotWordTracker(tokenizer);
    for (let i = 0; i < 500; i++) h.addComment(T0 + i * 10, 'spammer', '关注主播不迷路');
    for (let i = 0; i < 5; i++) h.addComment(T0 + i, `u${i}`, '尺码偏大吗');
    const top = h.top('1m', T0 + 30_000);
    expect(top.find((w) => w.word === '尺码')?.count).toBe(5);
    expect(top.find((w) => w.word === '关注')?.count).toBe(1);
  });

  it('separates 1 min, 5 min and session windows and marks rising words', () => {
    const h = new HotWordTracker(tokenizer);
    for (let m = 0; m < 10; m++) for (let i = 0; i < 3; i++) h.addComment(T0 + m * 60_000, `a${m}-${i}`, '包邮吗');
    for (let i = 0; i < 12; i++) h.addComment(T0 + 10 * 60_000 + i * 1000, `b${i}`, '退款');
    const now = T0 + 10 * 60_000 + 30_000;
    const oneMin = h.top('1m', now);
    expect(oneMin[0]).toMatchObject({ word: '退款', count: 12, rising: true });
    expect(oneMin.find((w) => w.word === '包邮')?.rising ?? false).toBe(false);
    const session = h.top('session', now);
    expect(session.find((w) => w.word === '包邮')?.count).toBe(30);
    const five = h.top('5m', now);
    expect(five.find((w) => w.word === '包邮')?.count).toBeLessThan(30);
  });

  // "然然超可爱" is sent 18,826 times by 959 viewers over 167 minutes (about 6,300 viewer-minutes): a chant,
  // not one spammer. Damping counts each viewer once per minute, so it stays hot but at well under half.
  it('on the real 2020-12-12 recording, damps the 18,000-times chant to voices per minute', () => {
    const xml = fs.readFileSync(kitDataPath('danmaku', 'bilibili-live-2020-12-12.xml'), 'utf8');
    const { events } = parseBilibiliXml(xml);
    const byText = new Map<string, number>();
    for (const e of events) byText.set(e.text, (byText.get(e.text) ?? 0) + 1);
    const [spam, spamCount] = [...byText].sort((a, b) => b[1] - a[1])[0]!;
    expect(spamCount).toBeGreaterThan(18_000);
    const h = new HotWordTracker(tokenizer);
    for (const e of events) h.addComment(e.ts, e.userId, e.text);
    const last = events[events.length - 1]!.ts;
    const session = h.top('session', last, 20);
    expect(session.length).toBe(20);
    const spamWords = new Set(tokenizer.tokenize(spam));
    for (const w of session.filter((x) => spamWords.has(x.word))) expect(w.count).toBeLessThan(spamCount / 2);
    // Real live-chat slang makes the session top 20.
    const words = session.map((w) => w.word);
    expect(words.some((w) => ['好耶', '草', '啊这', '哈哈', '777', '？'].includes(w))).toBe(true);
  });

  it('on the real 2020-12-11 recording gives sensible windows late in the stream', () => {
    const xml = fs.readFileSync(kitDataPath('danmaku', 'bilibili-live-2020-12-11.xml'), 'utf8');
    const { events } = parseBilibiliXml(xml);
    const h = new HotWordTracker(tokenizer);
    for (const e of events) h.addComment(e.ts, e.userId, e.text);
    const last = events[events.length - 1]!.ts;
    const session = h.top('session', last, 20);
    const five = h.top('5m', last, 20);
    expect(session[0]!.count).toBeGreaterThan(five[0]?.count ?? 0);
    for (let i = 1; i < session.length; i++) expect(session[i]!.count).toBeLessThanOrEqual(session[i - 1]!.count);
  });
});
