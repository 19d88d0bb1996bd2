// A threshold alert's figures in words, in both languages: label, unit, and what it was compared with.
import { describe, expect, it } from 'vitest';
import { formatAlertFigures } from '../../shared/alert-figures.ts';

describe('formatAlertFigures', () => {
  it('names the figure, its unit and its comparison', () => {
    const drop = { kind: 'drop', pct: 0.3, baselineMinutes: 5 } as const;
    expect(formatAlertFigures({ metric: 'online', value: 39, baseline: 186 }, drop, 'zh')).toBe(
      '在线 39 人（前5分钟平均 186 人，跌 79%）',
    );
    expect(formatAlertFigures({ metric: 'online', value: 39, baseline: 186 }, drop, 'en')).toBe(
      'online 39 (5-min average before: 186, down 79%)',
    );
    const below = { kind: 'below', value: 20 } as const;
    expect(formatAlertFigures({ metric: 'stock', value: 13, baseline: null }, below, 'zh')).toBe(
      '库存 13 件（低于 20 件）',
    );
    expect(formatAlertFigures({ metric: 'stock', value: 13, baseline: null }, below, 'en')).toBe(
      'stock 13 left (below 20 left)',
    );
    const rate = { kind: 'rate', perMinute: -50 } as const;
    expect(formatAlertFigures({ metric: 'online', value: -60, baseline: 400 }, rate, 'zh')).toBe(
      '在线 每分钟 −60 人（近1分钟，一分钟前 400 人）',
    );
    expect(formatAlertFigures({ metric: 'explainNoOrdersSeconds', value: 300, baseline: null }, undefined, 'zh')).toBe(
      '讲解无成交 5分钟',
    );
  });
});
