// Small helpers for benchmarks: timing, percentiles, and a server on a temporary data dir.
import { startServer, type TestServer } from '../test/helpers/server.ts';

export { startServer, type TestServer };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

const BARRAGE = [
  '多少钱',
  '怎么买',
  '什么尺码',
  '扣1',
  '666',
  '哈哈哈哈',
  '已拍',
  '主播好美',
  '还有货吗',
  '发什么快递',
  '有运费险吗',
  '链接在哪',
];

/** Realistic barrage events around `t0`, one viewer each of `viewers`. */
export function barrage(n: number, t0: number, viewers = 50_000, idPrefix = 'b'): object[] {
  const out: object[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      type: 'comment',
      ts: t0 + Math.floor(i / 50),
      id: `${idPrefix}${i}`,
      userId: `u${(i * 7919) % viewers}`,
      text: `${BARRAGE[i % BARRAGE.length]}${i % 5 === 0 ? ' 保温杯' : ''}`,
    });
  }
  return out;
}

export interface Row {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n## ${title}`);
  for (const r of rows) {
    const verdict = r.pass === undefined ? '' : r.pass ? '  PASS' : '  FAIL';
    console.log(`  ${r.name.padEnd(52)} ${r.value.padStart(14)}${r.target ? `   (target ${r.target})` : ''}${verdict}`);
  }
}
