// The evidence line, as the alert panel, the cue preview and the report's audit show it.
import { describe, expect, it } from 'vitest';
import { formatEvidence } from '../../../shared/alert-evidence.ts';
import { CLICK_TO_ORDER_EVIDENCE } from '../../fixtures/evidence.ts';

describe('formatEvidence', () => {
  it('says a rate with its usual value, its reach and its trials, in both languages', () => {
    const e = CLICK_TO_ORDER_EVIDENCE;
    expect(formatEvidence(e, 'zh')).toBe('点击-下单 3.1%（平时 5.6%，近2分钟 412 次点击）');
    expect(formatEvidence(e, 'en')).toBe('click→order 3.1% (usually 5.6%, last 2 min, 412 clicks)');
  });

  it('says arrivals as counts within a short window and per minute beyond it', () => {
    const short = {
      kind: 'entries',
      metric: 'online',
      value: 600,
      usual: 1200,
      windowSeconds: 10,
      sample: 100,
    } as const;
    expect(formatEvidence(short, 'zh')).toBe('进场 100人（平时 200人，近10秒）');
    expect(formatEvidence({ ...short, windowSeconds: 120 }, 'en')).toBe(
      'arrivals 600/min (usually 1200/min, last 2 min)',
    );
  });

  it('says a quiet spell with the usual order rate', () => {
    const q = {
      kind: 'quiet',
      metric: 'explainNoOrdersSeconds',
      value: 240,
      usual: 0.05,
      windowSeconds: 240,
      sample: null,
    } as const;
    expect(formatEvidence(q, 'zh')).toBe('4分钟无成交，平时约 3.0 单/分');
  });
});
