import { describe, expect, it } from 'vitest';
import { normaliseBarrage } from '../../shared/text/normalise.ts';

describe('normaliseBarrage', () => {
  it.each([
    ['哈哈哈哈哈哈', '哈哈'],
    ['666666', '666'],
    ['77777', '777'],
    ['66', '66'],
    ['？？？', '?'],
    ['ＡＢＣ　ｄｅｆ', 'abc def'],
    ['主播\u200b好美', '主播好美'],
    ['  已拍   已拍 ', '已拍 已拍'],
    ['啊啊啊啊这', '啊啊这'],
  ])('%s → %s', (input, out) => {
    expect(normaliseBarrage(input)).toBe(out);
  });
});
