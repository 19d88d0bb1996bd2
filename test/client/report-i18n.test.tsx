// @vitest-environment jsdom
// The 复盘 report in the screen's language: every figure under the big screen's word (no code names), times
// of day and numbers formatted for zh or en, and the language toggle switching all of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../client/src/features/replay/replay-types.ts';
import { ReportCompare } from '../../client/src/features/replay/report-compare.tsx';
import { AlertAudit, ExplainSegments } from '../../client/src/features/replay/report-tables.tsx';
import { METRIC_KEY } from '../../client/src/features/replay/report-words.ts';
import { fmtDateTime } from '../../client/src/lib/format.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

const T = new Date(2025, 0, 1, 20, 5, 3).getTime(); // local time, as the page shows it
const metrics = Object.keys(METRIC_KEY);
const report = {
  comparison: {
    previousSession: true,
    rows: metrics.map((metric, i) => ({ metric, now: 12_345 + i, prev: 10_000, pct: 0.2 })),
    largestChanges: ['gmv'],
  },
  weakestStage: { stage: 'click', rate: 0.03, typical: [0.05, 0.2], belowTypical: true },
  alertAudit: [
    {
      alertId: 'a1',
      name: '在线人数骤降',
      severity: 'critical',
      firedAt: T,
      resolvedAt: null,
      cueSent: true,
      cueAcked: false,
      recoveredWithin5Min: true,
    },
  ],
  interaction: {
    comments: 1,
    commentUsers: 1,
    interactionRate: null,
    hotWords: [{ word: '好耶', count: 23_456, rising: false }],
    risingWords: [],
  },
  explainSegments: [
    {
      productId: 'p1',
      start: T,
      end: T + 90_000,
      durationSeconds: 90,
      exposures: 15_000,
      clicks: 800,
      orders: 40,
      gmv: 2360,
    },
  ],
  products: [{ id: 'p1', name: '保温杯' }],
} as unknown as Report;

let m: Mounted;
beforeEach(() => resetStores());
afterEach(() => m?.unmount());

const page = () =>
  mount(
    <>
      <ReportCompare r={report} />
      <AlertAudit r={report} />
      <ExplainSegments r={report} />
    </>,
  );

describe('report in the screen language', () => {
  it('names every figure as the big screen does, in Chinese, with Chinese numbers and times', () => {
    m = page();
    const text = m.host.textContent ?? '';
    for (const code of metrics) expect(text).not.toContain(code);
    for (const word of [
      '累计观看',
      '人均观看时长',
      '新增粉丝',
      '关注率',
      '互动率',
      '商品曝光',
      '点击率',
      '成交转化率',
      'UV价值',
    ])
      expect(text).toContain(word);
    expect(m.text('weakest-stage')).toContain('最弱环节: 点击率 3.0% (常见 5%–20%)');
    expect(m.text('alert-audit')).toContain('20:05:03');
    expect(m.text('alert-audit')).toContain('已转发 · 未确认');
    expect(m.text('report-words')).toContain('好耶 2.35万');
    expect(m.text('report-segments')).toContain('1.50万');
    expect(fmtDateTime(T, 'zh')).toBe('2025年1月1日 20:05');
  });

  it('switches every label, number and date to English', () => {
    useUiStore.getState().setLang('en');
    m = page();
    const text = m.host.textContent ?? '';
    // Code names that are also English words (paid, comments) are the words here: check the camel-case ones.
    for (const code of metrics.filter((c) => /[A-Z]/.test(c))) expect(text).not.toContain(code);
    for (const word of [
      'Viewers',
      'Avg watch',
      'New followers',
      'Follow rate',
      'Product seen',
      'Click rate',
      'UV value',
    ])
      expect(text).toContain(word);
    expect(m.text('weakest-stage')).toContain('Weakest stage: Click rate 3.0% (typical 5%–20%)');
    expect(m.text('alert-audit')).toContain('Forwarded · not acknowledged');
    expect(m.text('report-words')).toContain('好耶 23.5k');
    expect(fmtDateTime(T, 'en')).toBe('1 January 2025 at 20:05');
    update(() => useUiStore.getState().setLang('zh'));
    expect(m.text('weakest-stage')).toContain('最弱环节');
  });
});
