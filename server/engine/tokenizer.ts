// jieba (@node-rs/jieba, native) with its default dictionary plus live-commerce and live-chat slang and the
// room's product names. HMM stays on so unseen words (new slang, names) are still cut sensibly.
// Output: the words worth counting in one barrage line, normalised, filtered and each word once.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { normaliseBarrage } from '../../shared/text/normalise.ts';
import { MEANINGFUL_SINGLE, STOPWORDS } from './stopwords.ts';
import type { Tokenizer } from './tokenizer-types.ts';

/** Words the general dictionary cuts apart (运费险 → 运费/险, 已拍 → 已/拍, 啊这 → 啊/这) or that must win over it. */
export const SLANG: readonly string[] = [
  // Shopping: ordering, products, sizes, skin types, service, complaints.
  '主播 助播 已拍 拍了 拍下 扣1 扣2 运费险 偏大 偏小 正码 尺码 码数 干皮 油皮 混油 敏感肌 链接 小黄车 下单 付款',
  '福袋 秒杀 上车 包邮 多少钱 怎么买 发什么快递 有货 没货 补货 上架 下架 库存 优惠券 满减 买一送一 抢到了 没抢到',
  '退款 退货 假货 正品 客服 不发货 发货 卡了 没声音 黑屏 直播间 宝宝们 家人们 姐妹们',
  // Live chat: reactions that carry the room's mood.
  '666 好耶 啊这 麻了 绷不住 尬住 破防 awsl yyds xswl 233 哈哈 上舰 舰长 晚安 下播',
].flatMap((line) => line.split(' '));

/** Above all but 22 of the general dictionary's 349,045 entries (了 is 883,634), so these stay whole. */
const DICT_FREQ = 200_000;
const MAX_WORD_CHARS = 20;
const LATIN_DIGIT_WORD = /^[a-z0-9][a-z0-9'_.+#-]*$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

export function createTokenizer(opts: { extraWords?: string[] } = {}): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const known = new Set<string>();
  const addWords = (words: string[]): void => {
    const fresh = new Set<string>();
    // A dictionary line is `word freq tag`: a name with spaces ("保温杯 500ml") becomes its parts.
    for (const name of words) for (const part of normaliseBarrage(name).split(' ')) fresh.add(part);
    const lines = [...fresh].filter((w) => w.length > 1 && !known.has(w)).map((w) => `${w} ${DICT_FREQ} n`);
    if (lines.length === 0) return;
    for (const line of lines) known.add(line.slice(0, line.indexOf(' ')));
    jieba.loadDict(Buffer.from(lines.join('\n')));
  };
  addWords([...SLANG, ...(opts.extraWords ?? [])]);
  return {
    addWords,
    tokenize(text: string): string[] {
      const norm = normaliseBarrage(text);
      if (norm.length === 0) return [];
      const out: string[] = [];
      for (const w of jieba.cut(norm, true)) if (keep(w) && !out.includes(w)) out.push(w);
      return out;
    },
    cut(text: string): string[] {
      const norm = normaliseBarrage(text);
      return norm.length === 0 ? [] : jieba.cut(norm, true).filter((w) => HAS_WORD_CHAR.test(w));
    },
  };
}

/** Drops stopwords, punctuation/emoji/space tokens, over-long runs, stray single letters or digits, and single
 * Han characters outside the meaningful few. */
function keep(w: string): boolean {
  if (w.length > MAX_WORD_CHARS || STOPWORDS.has(w) || !HAS_WORD_CHAR.test(w)) return false;
  if (w.length === 1) return MEANINGFUL_SINGLE.has(w);
  return HAN.test(w) || LATIN_DIGIT_WORD.test(w);
}
