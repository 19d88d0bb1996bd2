// The intervention-effect ledger: every action the team took (a cue acknowledged, an explanation started, a
// price change, a marked platform action) with the change it made to the figure it targets, against what that
// figure would have done without it, and how sure that is. Names are Chinese here; the English dict has its own.
import { type Static, Type } from '@sinclair/typebox';
import type { MarkedAction } from './events.ts';

export const EFFECT_METRICS = ['online', 'entriesPerMin', 'clickRate', 'clickToOrder', 'gmvPerMin'] as const;
export type EffectMetric = (typeof EFFECT_METRICS)[number];
export type ActionKind = MarkedAction | 'cue' | 'explain' | 'price_change';

export const METRIC_NAMES_ZH: Record<EffectMetric, string> = {
  online: '在线人数',
  entriesPerMin: '进场/分',
  clickRate: '点击率',
  clickToOrder: '点击-下单',
  gmvPerMin: 'GMV/分',
};

export const ACTION_NAMES_ZH: Record<ActionKind, string> = {
  pin: '置顶/讲解卡',
  flash_sale: '限时秒杀',
  coupon: '优惠券',
  lucky_bag: '福袋',
  boost_on: '投流开',
  boost_off: '投流关',
  cue: '提词',
  explain: '开始讲解',
  price_change: '改价',
};

/** The figure each kind of action is meant to move. A cue targets its product's 点击-下单, or the room's 在线. */
export function targetMetric(kind: ActionKind, hasProduct: boolean): EffectMetric {
  switch (kind) {
    case 'pin':
    case 'explain':
      return 'clickRate';
    case 'flash_sale':
    case 'price_change':
      return 'clickToOrder';
    case 'coupon':
      return 'gmvPerMin';
    case 'lucky_bag':
      return 'online';
    case 'boost_on':
    case 'boost_off':
      return 'entriesPerMin';
    case 'cue':
      return hasProduct ? 'clickToOrder' : 'online';
  }
}

export const VERDICTS = ['up', 'down', 'flat', 'uncertain'] as const;
export type Verdict = (typeof VERDICTS)[number];

const NullableNum = Type.Union([Type.Number(), Type.Null()]);

export const EffectSchema = Type.Object({
  metric: Type.Union(EFFECT_METRICS.map((m) => Type.Literal(m))),
  /** Relative change against the counterfactual (0.18 = +18 %) and its 95 % interval; null: too little data. */
  relative: NullableNum,
  low: NullableNum,
  high: NullableNum,
  /** up / down: the interval excludes 0; flat: it lies within ±5 %; uncertain (不确定): too wide to tell. */
  verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
  /** did: against the products not targeted (difference in differences); trend: the pre-action trend; level:
   * the pre-action level (no control and too little to fit a trend). */
  method: Type.Union([Type.Literal('did'), Type.Literal('trend'), Type.Literal('level'), Type.Literal('none')]),
});
export type Effect = Static<typeof EffectSchema>;

export const LedgerRowSchema = Type.Object({
  ts: Type.Number(),
  kind: Type.String(),
  productId: Type.Union([Type.String(), Type.Null()]),
  /** The 话术 or cue text, when there is one. */
  note: Type.Union([Type.String(), Type.Null()]),
  effect: EffectSchema,
});
export type LedgerRow = Static<typeof LedgerRowSchema>;

/** One kind of action (and 话术) over the room's recent sessions, pooled by inverse variance. */
export const LedgerSummarySchema = Type.Object({
  kind: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  metric: Type.Union(EFFECT_METRICS.map((m) => Type.Literal(m))),
  count: Type.Number(),
  sessions: Type.Number(),
  relative: NullableNum,
  /** Half the width of the 95 % interval (the ± of `+18%（±9%）`). */
  plusMinus: NullableNum,
  verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
});
export type LedgerSummary = Static<typeof LedgerSummarySchema>;

/** `限时秒杀话术：点击-下单 +18%（±9%），12 次` (or 不确定 instead of the figures). */
export function summaryLine(s: LedgerSummary): string {
  const name = `${ACTION_NAMES_ZH[s.kind as ActionKind] ?? s.kind}${s.note ? `「${s.note}」` : ''}`;
  const fig =
    s.verdict === 'uncertain' || s.relative === null
      ? '不确定'
      : `${s.relative >= 0 ? '+' : ''}${Math.round(s.relative * 100)}%（±${Math.round((s.plusMinus ?? 0) * 100)}%）`;
  return `${name}：${METRIC_NAMES_ZH[s.metric]} ${fig}，${s.count} 次`;
}
