// What a simulated room sells and what its viewers type: realistic Chinese live-commerce barrage.
import type { Product } from '../../../shared/events.ts';
import type { Rng } from './rng.ts';

const PRODUCTS: [string, number][] = [
  ['保温杯', 59],
  ['羽绒服', 399],
  ['精华液', 269],
  ['运动鞋', 329],
  ['蓝牙耳机', 199],
  ['坚果礼盒', 89],
  ['面膜', 79],
  ['电饭煲', 299],
  ['连衣裙', 159],
  ['洗发水', 49],
  ['口红', 129],
  ['空气炸锅', 239],
];

/** A catalogue of `count` products with prices ±20 % around typical ones; names repeat with 2号, 3号… */
export function defaultCatalogue(count: number, rng: Rng): Product[] {
  return Array.from({ length: count }, (_, i) => {
    const [base, price] = PRODUCTS[i % PRODUCTS.length]!;
    const round = Math.floor(i / PRODUCTS.length);
    return {
      id: `p${i + 1}`,
      name: round === 0 ? base : `${base}${round + 1}号`,
      price: Math.round(price * (0.8 + rng.next() * 0.4)),
      stock: 200 + rng.int(2000),
    };
  });
}

const QUESTIONS = [
  '多少钱',
  '怎么买',
  '什么尺码',
  '发什么快递',
  '有运费险吗',
  '还有货吗',
  '包邮吗',
  '链接在哪',
  '能便宜点吗',
  '偏大还是偏小',
  '几号链接',
  '什么时候发货',
];
const SLANG = [
  '扣1',
  '1',
  '666',
  '哈哈哈哈',
  '已拍',
  '主播好美',
  '来了来了',
  '冲冲冲',
  '好耶',
  '家人们来了',
  '已拍已拍',
  '6666666',
  '上车上车',
];
const PRODUCT_LINES = ['{p}还有吗', '{p}多少钱', '想要{p}', '{p}已拍', '{p}什么时候上', '{p}好用吗', '{p}有优惠吗'];
const COMPLAINTS = ['卡了', '没声音', '退款', '假货吧', '客服不回', '不发货', '卡了卡了', '上次的还没发货'];
const ENGLISH = ['so cute', 'how much', 'love it', 'where to buy', 'nice', 'ship to Singapore?'];
const OTHER = ['晚上好', '第一次来', '主播辛苦了', '关注了', '支持支持', '好看', '期待', '回放在哪看'];

/** One barrage line: questions and slang dominate, product lines only while a product is explained. */
export function barrageLine(rng: Rng, productName: string | null): string {
  const r = rng.next();
  if (r < 0.3) return rng.pick(QUESTIONS);
  if (r < 0.62) return rng.pick(SLANG);
  if (r < 0.8 && productName) return rng.pick(PRODUCT_LINES).replace('{p}', productName);
  if (r < 0.85) return rng.pick(COMPLAINTS);
  if (r < 0.89) return rng.pick(ENGLISH);
  return rng.pick(OTHER);
}

/** What one viewer floods the barrage with, the same phrase every time. */
export const SPAM_LINES = ['关注主播不迷路', '扣1扣1扣1', '抽我抽我', '加微信领优惠'];

const GIFTS: readonly (readonly [string, number])[] = [
  ['小心心', 0.1],
  ['小心心', 0.1],
  ['玫瑰', 0.1],
  ['人气票', 0.1],
  ['棒棒糖', 0.9],
  ['墨镜', 9.9],
  ['爱的纸鹤', 9.9],
];

/** A gift's name and value in yuan: cheap ones are by far the most common, one in a hundred is a 嘉年华. */
export function drawGift(rng: Rng): { name: string; value: number } {
  if (rng.chance(0.01)) return { name: '嘉年华', value: 3000 };
  const [name, value] = rng.pick(GIFTS);
  return { name, value };
}
