import { describe, expect, it } from 'vitest';
import { outlookGauges } from '../../../server/outlook/outlook-rules.ts';
import { formatEvidence } from '../../../shared/alert-evidence.ts';
import type { OutlookMessage } from '../../../shared/outlook/outlook.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const base: OutlookMessage = {
  roomId: 'r',
  sessionStart: T0,
  at: T0 + 45 * 60_000,
  todayFrom: 0,
  today: [],
  forecast: {
    gmv: { status: 'ok', minute: 44, soFar: 4000, p10: 6000, p50: 7000, p90: 8200, sessions: 10, method: 'ratio' },
    orders: { status: 'insufficient', sessions: 2 },
  },
  targets: { gmv: 10_000 },
  pace: [],
  cohorts: { exact: true, rows: [] },
};

describe('outlook rule gauges', () => {
  it('目标难以完成: the forecast upper bound ÷ the target, with its evidence in words', () => {
    const g = outlookGauges(base, null);
    expect(g.targetReach).toBeCloseTo(0.82);
    expect(formatEvidence(g.evidence.targetReach!, 'zh')).toBe(
      '预测最终 GMV 最多 ¥8,200，低于目标 ¥10,000（按过去 10 场，开播第 45 分钟）',
    );
    expect(outlookGauges({ ...base, targets: null }, null).targetReach).toBeNull();
  });

  it('a cohort far below the usual 3-minute retention is judged only beyond chance', () => {
    const row = (size: number, r3: number) => ({
      minute: T0,
      size,
      explaining: null,
      retention: [0.2, r3, null, null],
      estimated: false,
    });
    const usual = { value: 0.3, cohorts: 12 };
    const big = outlookGauges({ ...base, cohorts: { exact: true, rows: [row(300, 0.1)] } }, usual);
    expect(big.cohortRetention3m).toBeCloseTo(1 / 3);
    expect(formatEvidence(big.evidence.cohortRetention3m!, 'zh')).toBe(
      '新进场观众 3 分钟留存 10.0%（本场通常 30.0%，300 人进场）',
    );
    // 30 viewers at 20 % against 30 %: within chance.
    expect(outlookGauges({ ...base, cohorts: { exact: true, rows: [row(30, 0.2)] } }, usual).cohortRetention3m).toBe(1);
    expect(
      outlookGauges({ ...base, cohorts: { exact: true, rows: [row(300, 0.1)] } }, null).cohortRetention3m,
    ).toBeNull();
  });
});
