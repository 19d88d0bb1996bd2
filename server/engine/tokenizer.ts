// jieba (@node-rs/jieba, native) with its default dictionary plus live-commerce slang and the room's product
// names. HMM stays on so unseen words (new slang, names) are still cut sensibly.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normaliseBarrage } from '../../shared/text/normalise.ts';
import { MEANINGFUL_SINGLE, STOPWORDS } from './stopwords.ts';
import type { Tokenizer } from './tokenizer-types.ts';

export const SLANG = [
  '主播',
  '已拍',
  '扣1',
  '扣2',
  '666',
  '运费险',
  '偏大',
  '偏小',
  '干皮',
  '油皮',
  '敏感肌',
  '链接',
  '下单',
  '福袋',
  '秒杀',
  '上车',
  '好耶',
  '啊这',
  '麻了',
  '退款',
  '假货',
  '客服',
  '不发货',
  '卡了',
  '没声音',
  '尺码',
  '包邮',
  '多少钱',
  '怎么买',
  '还有货吗',
  '发什么快递',
  '有运费险吗',
  '小黄车',
  '拍了',
  '拍下',
  '抢到了',
  '没抢到',
  '补货',
  '上架',
  '下架',
  '库存',
  '优惠券',
  '满减',
  '买一送一',
  '直播间',
  '宝宝们',
  '家人们',
  '姐妹们',
  '来了来了',
];

// High frequency so the segmenter prefers these whole words over its general dictionary's cuts.
const dictLine = (w: string) => `${w} 200000 n`;

const LATIN_OR_DIGIT = /^[a-z0-9][a-z0-9'_-]*$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK = /\p{Script=Han}/u;
const MAX_WORD_CHARS = 20;

export function createTokenizer(opts: { extraWords?: string[] } = {}): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const known = new Set<string>();
  const addWords = (words: string[]) => {
    const fresh = words.map((w) => normaliseBarrage(w)).filter((w) => w.length > 1 && !known.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) known.add(w);
    jieba.loadDict(Buffer.from(fresh.map(dictLine).join('\n')));
  };
  addWords([...SLANG, ...(opts.extraWords ?? [])]);
  return {
    addWords,
    tokenize(text: string): string[] {
      const norm = normaliseBarrage(text);
      if (!norm) return [];
      const out = new Set<string>();
      for (const raw of jieba.cut(norm, true)) {
        const w = raw.trim();
        if (keep(w)) out.add(w);
      }
      return [...out];
    },
  };
}

function keep(w: string): boolean {
  if (w.length === 0 || w.length > MAX_WORD_CHARS || STOPWORDS.has(w) || !HAS_WORD_CHAR.test(w)) return false;
  if (w.length === 1) return CJK.test(w) ? MEANINGFUL_SINGLE.has(w) : false;
  if (!CJK.test(w)) return LATIN_OR_DIGIT.test(w) || /^\d+$/.test(w);
  return true;
}
