// Rules that work out of the box, from the thresholds teams use in their own alert bots (DOMAIN.md):
// online −30 % against the previous 5 minutes, conversion down by a third or more, no orders for 3 minutes
// while a product is explained, a surge of complaints, the explained product running out of stock (an urgency
// line for the host), and a source that stopped talking.
import type { AlertRule } from '../../shared/alerts.ts';
import { OUTLOOK_RULES } from '../outlook/outlook-default-rules.ts';

const base = { enabled: true, keepFiringForSeconds: 30, cooldownSeconds: 300, minSample: 0 };

/** The rules as they were before sequential detection: the benchmark runs them with the classic strategy. */
export const CLASSIC_RULES: AlertRule[] = [
  {
    ...base,
    id: 'online-drop',
    name: '在线人数骤降',
    metric: 'online',
    condition: { kind: 'drop', pct: 0.3, baselineMinutes: 5 },
    forSeconds: 20,
    minSample: 20,
    severity: 'critical',
    action: '福袋倒计时留人：扣1参与，抽{商品名}！现在{在线人数}人在线',
  },
  {
    ...base,
    id: 'watch-drop',
    name: '人均观看时长下降',
    metric: 'avgWatchSeconds',
    condition: { kind: 'drop', pct: 0.25, baselineMinutes: 10 },
    forSeconds: 60,
    severity: 'warning',
    action: '抛一个互动问题，预告下一个福袋，留住新进来的人',
  },
  {
    ...base,
    id: 'click-rate-drop',
    name: '商品点击率下降',
    metric: 'clickRate',
    condition: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
    forSeconds: 30,
    severity: 'warning',
    minSample: 100,
    action: '重新讲{商品名}的卖点，引导点小黄车，报价{价格}元',
  },
  {
    ...base,
    id: 'order-rate-drop',
    name: '点击-下单转化下降',
    metric: 'clickToOrderRate',
    condition: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
    forSeconds: 30,
    severity: 'warning',
    minSample: 30,
    action: '限时秒杀：{商品名}只剩{库存}件，倒计时下单！',
  },
  {
    ...base,
    id: 'explain-no-orders',
    name: '讲解3分钟无成交',
    metric: 'explainNoOrdersSeconds',
    condition: { kind: 'above', value: 180 },
    forSeconds: 0,
    severity: 'warning',
    action: '{商品名}讲了3分钟没单：报价{价格}元，上限时优惠或换品',
  },
  {
    ...base,
    id: 'interaction-drop',
    name: '互动下降',
    metric: 'commentersPerMin',
    condition: { kind: 'drop', pct: 0.5, baselineMinutes: 5 },
    forSeconds: 60,
    minSample: 20,
    severity: 'info',
    action: '发起扣1互动：想要{商品名}的扣1',
  },
  {
    ...base,
    id: 'negative-surge',
    name: '负面弹幕激增',
    metric: 'negativeBarragePerMin',
    condition: { kind: 'above', value: 8 },
    forSeconds: 15,
    severity: 'critical',
    action: '安抚观众：卡顿/售后问题马上处理，客服在线',
  },
  {
    ...base,
    id: 'stock-low',
    name: '库存告急',
    metric: 'stock',
    condition: { kind: 'below', value: 20 },
    forSeconds: 0,
    cooldownSeconds: 600,
    severity: 'info',
    action: '{商品名}仅剩{库存}件，拍完就没了，抓紧下单！',
  },
  {
    ...base,
    id: 'source-down',
    name: '数据中断',
    metric: 'sourceDown',
    condition: { kind: 'above', value: 0.5 },
    forSeconds: 15,
    keepFiringForSeconds: 0,
    cooldownSeconds: 0,
    severity: 'critical',
    action: '检查数据源连接（数据中断，不是掉量）',
  },
];

/** 创建-成交 falling: orders created but not paid (压单), judged by cohort of orders. */
const PAY_RATE_DROP: AlertRule = {
  ...base,
  id: 'pay-rate-drop',
  name: '下单-支付转化下降',
  metric: 'payRate',
  condition: { kind: 'drop', pct: 0.25, baselineMinutes: 10 },
  forSeconds: 30,
  severity: 'warning',
  minSample: 30,
  action: '催付：拍了没付的家人们抓紧付款，{商品名}库存不等人',
};

/** Today's defaults. Drops of counted metrics are judged by change detection (sequential/), where `pct` is the
 * smallest fall worth telling: rates at 25 % (a third is often too late), online at 30 % (slow audience waves of
 * ±12 % must not read as a fall). */
export const DEFAULT_RULES: AlertRule[] = CLASSIC_RULES.flatMap((r) => {
  if (r.id === 'click-rate-drop' || r.id === 'order-rate-drop') {
    return [{ ...r, condition: { kind: 'drop', pct: 0.25, baselineMinutes: 10 } } satisfies AlertRule];
  }
  return r.id === 'explain-no-orders' ? [PAY_RATE_DROP, r] : [r];
}).concat(OUTLOOK_RULES);
