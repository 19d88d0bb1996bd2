import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../client/src/lib/escape-html.ts';
import { fmtChange, fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../client/src/lib/format.ts';

describe('format', () => {
  it('counts with 万 in Chinese and k/M in English, — when missing', () => {
    expect(fmtCount(12_345, 'zh')).toBe('1.23万');
    expect(fmtCount(123_456, 'zh')).toBe('12.3万');
    expect(fmtCount(9_999, 'zh')).toBe('9,999');
    expect(fmtCount(12_345, 'en')).toBe('12.3k');
    expect(fmtCount(2_500_000, 'en')).toBe('2.50M');
    expect(fmtCount(null, 'zh')).toBe('—');
  });
  it('money, percent, durations and change arrows', () => {
    expect(fmtMoney(59.5, 'zh')).toBe('¥59.5');
    expect(fmtMoney(62_000, 'zh')).toBe('¥6.20万');
    expect(fmtPct(0.0045, 2)).toBe('0.45%');
    expect(fmtPct(null)).toBe('—');
    expect(fmtDuration(64)).toBe('1:04');
    expect(fmtDuration(3725)).toBe('1:02:05');
    expect(fmtChange(-0.2)).toEqual({ text: '▼ 20%', dir: 'down' });
    expect(fmtChange(0.05)).toEqual({ text: '▲ 5.0%', dir: 'up' });
    expect(fmtChange(null).dir).toBe('none');
  });
  it('escapes HTML for ECharts formatters', () => {
    expect(escapeHtml('<img src=x onerror="a">&')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;');
  });
});
