// Why an alert fired, as figures and in words: the alert panel, the forwarded cue's preview and the report's
// alert audit all show the same line, e.g. `点击-下单 3.1%（平时 5.6%，近2分钟 412 次点击）`. Optional on the
// Alert: alerts journaled before it (and threshold rules) have none.
import { type Static, Type } from '@sinclair/typebox';

export const AlertEvidenceSchema = Type.Object(
  {
    /** rate: successes per trial; entries / exits: viewers a minute; gauge: a figure now; quiet: seconds. */
    kind: Type.Union([
      Type.Literal('rate'),
      Type.Literal('entries'),
      Type.Literal('exits'),
      Type.Literal('gauge'),
      Type.Literal('quiet'),
      /** The outlook: value = the forecast's upper bound, usual = the target, sample = past sessions. */
      Type.Literal('forecast'),
      /** The outlook: value = a cohort's 3-minute retention, usual = the session's usual, sample = its viewers. */
      Type.Literal('cohort'),
    ]),
    metric: Type.String({ maxLength: 40 }),
    value: Type.Number(),
    usual: Type.Union([Type.Number(), Type.Null()]),
    /** How far back the figure reaches (the detector's estimate of when the change began). */
    windowSeconds: Type.Number({ minimum: 0 }),
    /** The trials behind a rate (clicks, exposures, orders), or viewers online for departures. */
    sample: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    /** rate: the fall the detector estimates (0..1, observed ÷ expected over the window); absent before it. */
    fall: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
export type AlertEvidence = Static<typeof AlertEvidenceSchema>;

type Lang = 'zh' | 'en';

const NAMES: Record<string, [string, string, string, string]> = {
  // metric: zh name, en name, zh trial unit, en trial unit
  clickRate: ['商品点击率', 'click rate', '次曝光', 'exposures'],
  clickToOrderRate: ['点击-下单', 'click→order', '次点击', 'clicks'],
  payRate: ['下单-支付', 'order→paid', '单', 'orders'],
  conversionRate: ['成交转化率', 'conversion', '次进场', 'entries'],
  online: ['在线', 'online', '人在线', 'online'],
  explainNoOrdersSeconds: ['讲解无成交', 'no orders while explaining', '', ''],
};

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const perMin = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

function span(seconds: number, lang: Lang): string {
  if (seconds < 90) return lang === 'zh' ? `近${Math.max(1, Math.round(seconds))}秒` : `last ${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  return lang === 'zh' ? `近${m}分钟` : `last ${m} min`;
}

/** One line of evidence in the given language. */
export function formatEvidence(e: AlertEvidence, lang: Lang): string {
  const [zhName, enName, zhUnit, enUnit] = NAMES[e.metric] ?? [e.metric, e.metric, '', ''];
  const zh = lang === 'zh';
  const usual = (f: (v: number) => string) =>
    e.usual === null ? '' : zh ? `平时 ${f(e.usual)}，` : `usually ${f(e.usual)}, `;
  switch (e.kind) {
    case 'rate': {
      const n = e.sample === null ? '' : zh ? ` ${e.sample} ${zhUnit}` : `, ${e.sample} ${enUnit}`;
      const fall =
        e.fall === undefined ? '' : zh ? `，约降 ${Math.round(e.fall * 100)}%` : `, ~${Math.round(e.fall * 100)}% down`;
      return zh
        ? `${zhName} ${pct(e.value)}（${usual(pct)}${span(e.windowSeconds, lang)}${n}${fall}）`
        : `${enName} ${pct(e.value)} (${usual(pct)}${span(e.windowSeconds, lang)}${n}${fall})`;
    }
    case 'entries':
    case 'exits': {
      const what = e.kind === 'entries' ? (zh ? '进场' : 'arrivals') : zh ? '离场' : 'departures';
      // Under a minute, the count in the window reads better than a rate scaled up from two seconds.
      const short = e.windowSeconds < 60;
      const unit = short ? (zh ? '人' : '') : zh ? '人/分' : '/min';
      const f = (v: number) => `${short ? Math.round((v * e.windowSeconds) / 60) : perMin(v)}${unit}`;
      return zh
        ? `${what} ${f(e.value)}（${usual(f)}${span(e.windowSeconds, lang)}）`
        : `${what} ${f(e.value)} (${usual(f)}${span(e.windowSeconds, lang)})`;
    }
    case 'gauge': {
      const f = (v: number) => v.toFixed(0);
      return zh
        ? `${zhName} ${f(e.value)}（${usual(f)}${span(e.windowSeconds, lang)}）`
        : `${enName} ${f(e.value)} (${usual(f)}${span(e.windowSeconds, lang)})`;
    }
    case 'forecast': {
      const orders = e.metric === 'ordersForecast';
      const f = (v: number) =>
        orders ? `${Math.round(v)}${zh ? ' 单' : ' orders'}` : `¥${Math.round(v).toLocaleString('en-US')}`;
      const minute = Math.round(e.windowSeconds / 60);
      return zh
        ? `预测最终${orders ? '订单' : ' GMV '}最多 ${f(e.value)}，低于目标 ${f(e.usual ?? 0)}（按过去 ${e.sample ?? 0} 场，开播第 ${minute} 分钟）`
        : `final ${orders ? 'orders' : 'GMV'} forecast at most ${f(e.value)}, below the ${f(e.usual ?? 0)} target (from ${e.sample ?? 0} past sessions, minute ${minute})`;
    }
    case 'cohort':
      return zh
        ? `新进场观众 3 分钟留存 ${pct(e.value)}（本场通常 ${pct(e.usual ?? 0)}，${e.sample ?? 0} 人进场）`
        : `3-minute retention of new viewers ${pct(e.value)} (usually ${pct(e.usual ?? 0)} this session, ${e.sample ?? 0} arrivals)`;
    case 'quiet': {
      const expected =
        e.usual === null ? '' : zh ? `，平时约 ${perMin(e.usual * 60)} 单/分` : `, usually ${perMin(e.usual * 60)}/min`;
      return zh
        ? `${Math.round(e.value / 60)}分钟无成交${expected}`
        : `no orders for ${Math.round(e.value / 60)} min${expected}`;
    }
  }
}
