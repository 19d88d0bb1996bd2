import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseBarrage } from '../../shared/text/normalise.ts';

describe('normaliseBarrage', () => {
  it.each([
    // Repeated letters keep two: the two-character word is what people mean.
    ['哈哈哈哈哈哈', '哈哈'],
    ['哈哈哈', '哈哈'],
    ['哈哈', '哈哈'],
    ['啊啊啊啊这', '啊啊这'],
    ['hhhhhh', 'hh'],
    // Slang digits keep three, only as whole numbers.
    ['666666', '666'],
    ['77777777777777777777', '777'],
    ['8888', '888'],
    ['1111', '111'],
    ['666', '666'],
    ['66', '66'],
    ['扣1111', '扣111'],
    ['23333333', '233'],
    // Prices and quantities are numbers, not shouts.
    ['10000', '10000'],
    ['5555元', '5555元'],
    ['16666', '16666'],
    ['2020', '2020'],
    // Punctuation and emoji: one is enough (NFKC makes the full-width ？ a half-width ?).
    ['？？？', '?'],
    ['!!!', '!'],
    ['。。。', '。'],
    ['👍👍👍', '👍'],
    ['主播？？？？', '主播?'],
    // Short repeated units keep one.
    ['嘉然嘉然嘉然嘉然嘉然', '嘉然'],
    ['然然超可爱然然超可爱然然超可爱', '然然超可爱'],
    ['\\嘉然/\\嘉然/\\嘉然/', '\\嘉然/'],
    ['可爱可爱', '可爱'],
    ['banana', 'banana'],
    // Width, case, whitespace and invisible characters.
    ['ＡＢＣ　ｄｅｆ', 'abc def'],
    ['Spade', 'spade'],
    ['主播\u200b好美', '主播好美'],
    ['已\u200d拍\ufeff', '已拍'],
    ['\u202e货假', '货假'],
    ['  已拍 \t\n  下单 ', '已拍 下单'],
    ['a\u0000b\u0007c', 'abc'],
    ['❤\ufe0f', '❤'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, out) => {
    expect(normaliseBarrage(input)).toBe(out);
  });

  it('is idempotent', () => {
    for (const s of ['哈哈哈哈', '666666', '？？？', '嘉然嘉然嘉然', 'ＡＢＣ', '啊啊啊啊这', '然然超可爱！！']) {
      const once = normaliseBarrage(s);
      expect(normaliseBarrage(once)).toBe(once);
    }
  });

  // Idempotence over random mixes of the characters the rules act on: a rule must not create input for another.
  it('is idempotent on random barrage-like strings', () => {
    const ch = fc.constantFrom(
      '哈',
      '嘉',
      '然',
      '6',
      '7',
      '1',
      '2',
      '3',
      '0',
      '?',
      '？',
      ' ',
      'a',
      'h',
      '！',
      '\u200b',
      'Ａ',
      '/',
    );
    const text = fc.array(ch, { maxLength: 16 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => normaliseBarrage(normaliseBarrage(s)) === normaliseBarrage(s)),
      { numRuns: 5000 },
    );
  });
});
