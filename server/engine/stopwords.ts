// Words too common to say anything about a room. Kept short on purpose: barrage slang (666, 扣1, 已拍)
// is signal for a 场控, not noise, and so are question words that carry intent (多少钱, 怎么买).
const ZH =
  '的 了 是 我 你 他 她 它 们 我们 你们 他们 咱们 大家 自己 吗 啊 吧 呢 呀 哦 哟 嘛 么 啦 哇 噢 喔 嗯 额 呃 诶 欸 哎 唉 ' +
  '哈 嘿 这 那 这个 那个 这么 那么 这样 那样 就 都 也 还 在 有 和 与 或 及 跟 一个 一 不 没 很 太 好像 可以 能 会 要 ' +
  '想 说 看 去 来 到 把 被 让 给 对 又 再 才 只 但 而 所以 因为 如果 然后 就是 还是 但是 不是 什么 怎么 为什么 ' +
  '哪 谁 多 少 个 上 下 里 中 大 小 着 过 得 地 之 其 已经 一下 一样 真的 好 了吧 的话 时候 不能 不会 不要 ' +
  '可能 应该 知道 觉得 现在 今天';
const EN =
  'the a an is are was were be been am to of and or in on at for with it its this that these those i you he ' +
  'she we they me my your our his her their so do does did not no yes just but if then than too very can ' +
  "will would should could have has had what who how why when where there here all any from by as up i'm";

export const STOPWORDS: ReadonlySet<string> = new Set([...ZH.split(' '), ...EN.split(' ')]);

/** Single CJK characters that carry meaning in live barrage (laughter, praise, urgency, buying) and are kept
 * as words; every other single character is too ambiguous to count on its own. */
export const MEANINGFUL_SINGLE: ReadonlySet<string> = new Set(
  '草 冲 买 拍 贵 卡 甜 美 帅 绝 赞 香 爱 蹲 抢 值 亏 丑 假 顶 急 哭 慢 糊'.split(' '),
);
