import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_GROUPS, QuestionBook } from '../../../server/engine/questions/question-book.ts';
import { createTokenizer } from '../../../server/engine/tokenizer.ts';
import { questionCueText } from '../../../shared/questions.ts';

const tokenizer = createTokenizer({ extraWords: ['保温杯', '羽绒服'] });
const T0 = Date.UTC(2026, 0, 1, 12);
const ctx = { products: [{ id: 'p1', name: '羽绒服' }], explaining: null as string | null };

describe('question groups', () => {
  it('near-duplicates are one entry with its askers, first and last asked', () => {
    const book = new QuestionBook(tokenizer);
    book.add(T0, 'u1', '尺码偏大吗', ctx);
    book.add(T0 + 1000, 'u2', '尺码偏大么', ctx);
    book.add(T0 + 2000, 'u3', '码数偏大吗', ctx);
    book.add(T0 + 3000, 'u3', '码数偏大吗？', ctx); // the same viewer again: one voice
    book.add(T0 + 4000, 'u4', '什么时候发货', ctx);
    const [size, ship] = book.all(T0 + 5000);
    expect(size).toMatchObject({ text: '尺码偏大吗', topic: 'size', askers: 3, firstAt: T0, lastAt: T0 + 2000 });
    expect(ship).toMatchObject({ topic: 'shipping', askers: 1 });
    expect(questionCueText(size!)).toBe('回答：尺码偏大吗（3人问）');
  });

  it('ties to the product named, else to the one being explained; products keep questions apart', () => {
    const book = new QuestionBook(tokenizer);
    expect(book.add(T0, 'u1', '羽绒服尺码偏大吗', ctx)?.productId).toBe('p1');
    expect(book.add(T0, 'u2', '尺码偏大吗', { ...ctx, explaining: 'p2' })?.productId).toBe('p2');
    expect(book.add(T0, 'u3', '尺码偏大吗', ctx)?.productId).toBeNull();
    expect(book.all(T0)).toHaveLength(3);
  });

  it('is rising while more ask this minute than the minute before', () => {
    const book = new QuestionBook(tokenizer);
    book.add(T0, 'u0', '包邮吗', ctx);
    for (let i = 1; i <= 3; i++) book.add(T0 + 60_000 + i, `u${i}`, '包邮吗', ctx);
    expect(book.all(T0 + 60_010)[0]!.rising).toBe(true);
    expect(book.all(T0 + 200_000)[0]!.rising).toBe(false);
  });

  it('cue → acknowledged marks it answered and takes it off the queue; ignored leaves too', () => {
    const book = new QuestionBook(tokenizer);
    const a = book.add(T0, 'u1', '包邮吗', ctx)!;
    const b = book.add(T0, 'u2', '是正品吗', ctx)!;
    expect(book.cued(a.id, 'c1')?.status).toBe('cued');
    expect(book.top(T0, 5).map((q) => q.id)).toEqual([a.id, b.id]);
    expect(book.cueAcked('c1', T0 + 9000)).toMatchObject({ status: 'answered', answeredAt: T0 + 9000 });
    expect(book.ignored(b.id)?.status).toBe('ignored');
    expect(book.top(T0, 5)).toEqual([]);
    expect(book.answered(a.id, T0 + 10_000)).toBeNull(); // closed stays closed
  });

  it('the queue sorts by askers × recency', () => {
    const book = new QuestionBook(tokenizer);
    for (let i = 0; i < 4; i++) book.add(T0, `a${i}`, '包邮吗', ctx);
    for (let i = 0; i < 2; i++) book.add(T0 + 600_000, `b${i}`, '是正品吗', ctx);
    expect(book.top(T0 + 600_000, 2).map((q) => q.text)).toEqual(['是正品吗', '包邮吗']);
  });

  it('the published queue refreshes once per second, the figures once per 10 s, both at once on a status change', () => {
    const book = new QuestionBook(tokenizer);
    const a = book.add(T0, 'u1', '包邮吗', ctx)!;
    expect(book.publish(T0, 8).top.map((q) => q.askers)).toEqual([1]);
    book.add(T0 + 200, 'u2', '包邮吗', ctx);
    expect(book.publish(T0 + 500, 8).top[0]!.askers).toBe(1); // same second: as published
    expect(book.publish(T0 + 1000, 8).top[0]!.askers).toBe(2);
    expect(book.publish(T0 + 1000, 8).stats.askers).toBe(1); // same 10 s
    book.answered(a.id, T0 + 1200);
    expect(book.publish(T0 + 1300, 8)).toMatchObject({ top: [], stats: { answered: 1, askers: 2 } });
  });

  it('stays bounded and survives a checkpoint whatever is asked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 400 }), (ns) => {
        const book = new QuestionBook(tokenizer);
        for (const [i, n] of ns.entries()) book.add(T0 + i, `u${i}`, `${n}号链接有货吗`, ctx);
        const copy = new QuestionBook(tokenizer);
        copy.restore(JSON.parse(JSON.stringify(book.checkpoint())));
        return book.all(T0).length <= MAX_GROUPS && JSON.stringify(copy.all(T0)) === JSON.stringify(book.all(T0));
      }),
      { numRuns: 20 },
    );
  });
});
