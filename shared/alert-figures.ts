// A threshold rule's alert in words, with its label, unit and what it was compared with, e.g.
// `在线 39 人（前5分钟平均 186 人，跌 79%）` or `库存 13 件（低于 20 件）`: never a bare `13` or `39 ← 186`.
// Alerts with sequential evidence say theirs (alert-evidence.ts); this covers every other one.
import type { AlertMetric, Condition } from './alerts.ts';

type Lang = 'zh' | 'en';

interface Unit {
  zh: string;
  en: string;
  /** zh unit and en unit after the figure ('' for none). */
  zu: string;
  eu: string;
  kind: 'count' | 'rate' | 'seconds' | 'flag';
}

const METRICS: Record<AlertMetric, Unit> = {
  online: { zh: '在线', en: 'online', zu: '人', eu: '', kind: 'count' },
  avgWatchSeconds: { zh: '人均观看', en: 'average watch', zu: '', eu: '', kind: 'seconds' },
  entriesPerMin: { zh: '进入', en: 'arrivals', zu: '人/分', eu: '/min', kind: 'count' },
  commentsPerMin: { zh: '评论', en: 'comments', zu: '条/分', eu: '/min', kind: 'count' },
  commentersPerMin: { zh: '评论人数', en: 'commenters', zu: '人/分', eu: '/min', kind: 'count' },
  clickRate: { zh: '商品点击率', en: 'click rate', zu: '', eu: '', kind: 'rate' },
  clickToOrderRate: { zh: '点击-下单', en: 'click→order', zu: '', eu: '', kind: 'rate' },
  payRate: { zh: '下单-支付', en: 'order→paid', zu: '', eu: '', kind: 'rate' },
  conversionRate: { zh: '成交转化率', en: 'conversion', zu: '', eu: '', kind: 'rate' },
  negativeBarragePerMin: { zh: '负面弹幕', en: 'negative barrage', zu: '条/分', eu: '/min', kind: 'count' },
  explainNoOrdersSeconds: { zh: '讲解无成交', en: 'explaining without orders', zu: '', eu: '', kind: 'seconds' },
  stock: { zh: '库存', en: 'stock', zu: '件', eu: ' left', kind: 'count' },
  sourceDown: { zh: '数据中断', en: 'data feed down', zu: '', eu: '', kind: 'flag' },
  // The outlook's two gauges are ratios (server/outlook/outlook-rules.ts); their alerts also carry evidence.
  targetReach: { zh: '预测最多达到目标的', en: 'forecast reaches at most', zu: '', eu: '', kind: 'rate' },
  cohortRetention3m: {
    zh: '新进观众3分钟留存为平时的',
    en: '3-min retention of new viewers vs usual',
    zu: '',
    eu: '',
    kind: 'rate',
  },
};

function figure(v: number, u: Unit, lang: Lang): string {
  const zh = lang === 'zh';
  if (u.kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  if (u.kind === 'seconds') {
    if (v < 90) return zh ? `${Math.round(v)}秒` : `${Math.round(v)} s`;
    return zh ? `${Math.round(v / 60)}分钟` : `${Math.round(v / 60)} min`;
  }
  const n = Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
  return zh ? `${n} ${u.zu}`.trimEnd() : `${n}${u.eu}`;
}

/** The alert's figure and its comparison in the screen's language; `condition` from the rule, when known. */
export function formatAlertFigures(
  a: { metric: AlertMetric; value: number | null; baseline: number | null },
  condition: Condition | undefined,
  lang: Lang,
): string {
  const u = METRICS[a.metric];
  const zh = lang === 'zh';
  const name = zh ? u.zh : u.en;
  if (u.kind === 'flag') return zh ? '数据源不在线，数据规则暂停判断' : 'the source is not live; data rules are paused';
  if (a.value === null) return zh ? `${name}：暂无数据` : `${name}: no data`;
  const f = (v: number) => figure(v, u, lang);
  const now = `${name} ${f(a.value)}`;
  const wrap = (inner: string) => (zh ? `${now}（${inner}）` : `${now} (${inner})`);
  switch (condition?.kind) {
    case 'below':
      return wrap(zh ? `低于 ${f(condition.value)}` : `below ${f(condition.value)}`);
    case 'above':
      return wrap(zh ? `高于 ${f(condition.value)}` : `above ${f(condition.value)}`);
    case 'drop': {
      if (a.baseline === null) return now;
      const fell = a.baseline > 0 ? Math.round((1 - a.value / a.baseline) * 100) : 0;
      const m = condition.baselineMinutes;
      return wrap(
        zh
          ? `前${m}分钟平均 ${f(a.baseline)}，跌 ${fell}%`
          : `${m}-min average before: ${f(a.baseline)}, down ${fell}%`,
      );
    }
    case 'rate': {
      // value is the change over the last minute, baseline the figure a minute ago.
      const sign = a.value > 0 ? '+' : a.value < 0 ? '−' : '';
      const change = `${sign}${f(Math.abs(a.value))}`;
      const before = a.baseline === null ? '' : zh ? `，一分钟前 ${f(a.baseline)}` : `, a minute ago ${f(a.baseline)}`;
      return zh ? `${name} 每分钟 ${change}（近1分钟${before}）` : `${name} ${change} a minute (last 1 min${before})`;
    }
    default:
      if (a.baseline === null) return now;
      return wrap(zh ? `之前 ${f(a.baseline)}` : `before: ${f(a.baseline)}`);
  }
}
