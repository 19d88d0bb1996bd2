// Words too common to say anything about a room. Kept short on purpose: barrage slang (666, 扣1, 已拍)
// is signal for a 场控, not noise.
const ZH =
  '的 了 是 我 你 他 她 它 们 我们 你们 他们 吗 啊 吧 呢 呀 哦 哟 嘛 么 这 那 这个 那个 就 都 也 还 在 有 和 与 或 ' +
  '一个 一 不 没 很 太 好像 可以 能 会 要 想 说 看 去 来 到 把 被 让 给 对 又 再 才 只 但 而 所以 因为 如果 然后 ' +
  '什么 怎么 为什么 哪 谁 多 少 个 上 下 里 中 大 小 吧吧 啦 哈 嗯 额 呃 诶 欸 哎 唉 噢 喔 着 过 得 地 之';
const EN =
  'the a an is are was were be been to of and or in on at for with it this that i you he she we they me my ' +
  'your so do does did not no yes lol just but if then than too very can will would should have has had';

export const STOPWORDS: ReadonlySet<string> = new Set([...ZH.split(' '), ...EN.split(' ')]);

/** Single CJK characters that carry meaning in live barrage and are kept as words. */
export const MEANINGFUL_SINGLE: ReadonlySet<string> = new Set([
  '草',
  '冲',
  '买',
  '拍',
  '贵',
  '卡',
  '甜',
  '美',
  '帅',
  '绝',
  '赞',
  '香',
  '爱',
]);
