// The small lexicon behind question topics and grouping. Terms are matched against jieba's words first and
// as substrings of the line when jieba cuts a term apart (含绒量 → 含绒/量). Weight 2 is a term that names the
// topic on its own (运费险, 尺码); weight 1 leans (还有, 多大). Ties go to the topic listed first below, so
// 尺码不对能换吗 is 售后 and 黑色L码还有吗 is 库存.
import type { QuestionTopic } from '../../../shared/questions.ts';

type Terms = Record<string, 1 | 2>;
const terms = (strong: string, weak = ''): Terms => {
  const out: Terms = {};
  for (const w of weak.split(' ').filter(Boolean)) out[w] = 1;
  for (const w of strong.split(' ').filter(Boolean)) out[w] = 2;
  return out;
};

/** In tie-break order. */
export const TOPIC_TERMS: [QuestionTopic, Terms][] = [
  [
    'aftersale',
    terms('运费险 退货 退款 退换 换货 换码 无理由 保修 质保 售后 能退 可以退 能换 退吗 换吗', '坏了 怎么办 客服'),
  ],
  [
    'shipping',
    terms(
      '发货 快递 顺丰 中通 圆通 韵达 京东物流 物流 包邮 邮费 几天到 能到 收到 到货 发什么 哪里发 发哪 能发',
      '几天 多久 运费',
    ),
  ],
  [
    'price',
    terms(
      '多少钱 价格 什么价 啥价 价位 到手 优惠 便宜 打折 几折 打几折 折扣 优惠券 领券 有券 券 满减 赠品 买一送一 划算 报价 花多少',
      '贵 钱 送什么',
    ),
  ],
  [
    'stock',
    terms('有货 没货 库存 补货 返场 还剩 剩几 链接 几号 怎么买 下单 哪里买 哪买 在哪买 上架 周边 有周边', '还有 抢'),
  ],
  [
    'size',
    terms(
      '尺码 码数 码子 鞋码 偏大 偏小 正码 偏码 大码 小码 几码 什么码 啥码 哪个码 身高 体重 斤 xl xxl 容量 毫升 ml 衣长 裤长 尺寸 规格 型号 多长',
      '多大 码 穿什么 穿多大',
    ),
  ],
  [
    'usage',
    terms(
      '能用 可以用 适合 敏感肌 干皮 油皮 混油 孕妇 小孩 儿童 学生 怎么用 用法 怎么洗 机洗 水洗 能装 开水 热水 保温 冷不冷 暖和 零下 能穿 早晚',
      '东北 冬天 效果',
    ),
  ],
  [
    'quality',
    terms(
      '正品 假货 保真 真假 材质 面料 含绒量 鸭绒 鹅绒 不锈钢 304 味道 异味 掉色 起球 牌子 品牌 产地 哪里产 质量 做工',
    ),
  ],
  // Asked often and about none of the above: named so that 还有福袋吗 is not 库存.
  ['other', terms('福袋 抽奖 开奖 下播 开播 主播多高')],
];

/** Words that say the same thing in a question (码数 = 尺码, 么 = 吗): grouping compares the canonical ones. */
export const SYNONYMS: Record<string, string> = {
  码数: '尺码',
  码子: '尺码',
  码: '尺码',
  号码: '尺码',
  多少钱: '价格',
  什么价: '价格',
  啥价: '价格',
  价: '价格',
  价位: '价格',
  券: '优惠券',
  领券: '优惠券',
  有券: '优惠券',
  啥时候: '什么时候',
  几时: '什么时候',
  多久: '什么时候',
  几天: '什么时候',
  哪里: '哪',
  哪儿: '哪',
  在哪: '哪',
  啥: '什么',
  有货: '还有',
  能用: '用',
  可以用: '用',
  可以: '能',
  包不包: '包邮',
};

/** Words that carry no content in a question: particles, fillers, the question words themselves. */
export const FILLERS: ReadonlySet<string> = new Set(
  (
    '吗 么 嘛 呢 啊 呀 吧 哦 哈 的 了 是 这个 那个 这 那 请问 主播 宝宝 姐姐 家人 我 你 有 有没有 是不是 能不能 ' +
    '会不会 可不可以 还 会 想 问 问下 一下 一 个 下 就 都 也 要 呢 么 什么'
  ).split(' '),
);
