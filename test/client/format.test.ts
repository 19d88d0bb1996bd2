import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../client/src/lib/escape-html.ts';
import { fmtChange, fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../client/src/lib/format.ts';

describe('format', () => {
  it('counts with 万/亿 in Chinese and k/M in English, — when missing', () => {
    expect(fmtCount(12_345, 'zh')).toBe('1.23万');
    expect(fmtCount(123_456, 'zh')).toBe('12.3万');
    expect(fmtCount(9_999, 'zh')).toBe('9,999');
    expect(fmtCount(250_000_000, 'zh')).toBe('2.50亿');
    expect(fmtCount(12_345, 'en')).toBe('12.3k');
    expect(fmtCount(2_500_000, 'en')).toBe('2.50M');
    expect(fmtCount(0, 'zh')).toBe('0');
    expect(fmtCount(null, 'zh')).toBe('—');
    expect(fmtCount(Number.NaN, 'en')).toBe('—');
  });
  it('money in yuan, with 万 for large sums', () => {
    expect(fmtMoney(59.5, 'zh')).toBe('¥59.5');
    expect(fmtMoney(62_000, 'zh')).toBe('¥6.20万');
    expect(fmtMoney(62_000, 'en')).toBe('¥62.0k');
    expect(fmtMoney(0, 'zh')).toBe('¥0');
    expect(fmtMoney(null, 'zh')).toBe('—');
  });
  it('percent and durations', () => {
    expect(fmtPct(0.0045, 2)).toBe('0.45%');
    expect(fmtPct(0.176)).toBe('17.6%');
    expect(fmtPct(null)).toBe('—');
    expect(fmtDuration(64)).toBe('1:04');
    expect(fmtDuration(5)).toBe('0:05');
    expect(fmtDuration(3725)).toBe('1:02:05');
    expect(fmtDuration(null)).toBe('—');
  });
  it('change arrows with the percentage, flat near zero, — without a previous period', () => {
    expect(fmtChange(-0.2)).toEqual({ text: '▼ 20%', dir: 'down' });
    expect(fmtChange(0.05)).toEqual({ text: '▲ 5.0%', dir: 'up' });
    expect(fmtChange(0.001)).toEqual({ text: '0%', dir: 'flat' });
    expect(fmtChange(null).dir).toBe('none');
    expect(fmtChange(null).text).toBe('—');
  });
  it('escapes HTML for ECharts formatters', () => {
    expect(escapeHtml('<img src=x onerror="a">&\'')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
});
