import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectQuestion, looksLikeQuestion, topicOf } from '../../../server/engine/questions/detect.ts';
import { createTokenizer } from '../../../server/engine/tokenizer.ts';

const tokenizer = createTokenizer({ extraWords: ['保温杯', '羽绒服'] });

describe('question form', () => {
  it.each([
    '尺码偏大吗',
    '什么时候发货',
    '有运费险吗？',
    '包不包邮',
    '敏感肌能用么',
    '120斤选M还是L',
    '面霜什么价格',
    '有录播吗，我要每天看5遍',
    '请问下，这次抽的是什么啊',
  ])('%s is a question', (line) => expect(looksLikeQuestion(line)).toBe(true));

  it.each([
    '已拍',
    '尺码偏大，建议拍小一码',
    '怎么这么好看',
    '什么鬼',
    '什么派对',
    '？？？',
    '勒夫？',
    '多少钱都值',
    '同问',
    '这个模型高度居然还有内增高？',
    '鼻子呢',
    '贝拉挂机了？',
    '上舰队很难吗？',
  ])('%s is not', (line) => expect(looksLikeQuestion(line)).toBe(false));

  it('never throws and never calls a line without two letters a question', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const q = looksLikeQuestion(s);
        const letters = (s.normalize('NFKC').match(/[\p{Script=Han}a-zA-Z0-9]/gu) ?? []).length;
        return letters >= 2 || !q;
      }),
    );
  });

  it('a trailing question mark or 吗 on a statement of fact makes it a question, a second copy changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('尺码偏大', '有运费险', '还有货', '能发顺丰'), (s) => {
        return looksLikeQuestion(`${s}吗`) && looksLikeQuestion(`${s}吗${s}吗`) === looksLikeQuestion(`${s}吗`);
      }),
    );
  });
});

describe('topics', () => {
  it.each([
    ['还有优惠吗', 'price'],
    ['尺码偏大吗', 'size'],
    ['发什么快递', 'shipping'],
    ['尺码不对能换吗', 'aftersale'],
    ['黑色L码还有吗', 'stock'],
    ['敏感肌能用吗', 'usage'],
    ['是正品吗', 'quality'],
    ['还有福袋吗', 'other'],
    ['主播看弹幕吗', 'other'],
  ])('%s → %s', (line, topic) => expect(detectQuestion(line, tokenizer)?.topic).toBe(topic));

  it('with no lexicon word the topic is 其他', () => {
    expect(topicOf([], '然然会跳舞吗')).toBe('other');
  });

  it('grouping words drop particles and map synonyms (码数 = 尺码, 么 = 吗)', () => {
    const a = detectQuestion('尺码偏大吗', tokenizer)!.words;
    expect(detectQuestion('码数偏大么', tokenizer)!.words).toEqual(a);
    expect(a).toEqual(['尺码', '偏大']);
  });
});
