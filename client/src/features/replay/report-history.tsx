// The change of each KPI in words: against the previous session (环比) and against the median of the same
// weekday's earlier sessions, largest changes first; figures within ±2 % read as level.
import type { Key } from '../../lib/i18n.ts';
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import type { Report } from './replay-types.ts';
import { fill, METRIC_KEY, showMetric } from './report-words.ts';

const LEVEL = 0.02;

export function ReportHistory({ r }: { r: Report }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const dir = (pct: number) =>
    Math.abs(pct) < LEVEL
      ? t('rhFlat')
      : fill(t(pct > 0 ? 'rhUp' : 'rhDown'), { pct: `${Math.round(Math.abs(pct) * 100)}%` });
  const wd = r.weekday ?? null;
  const day = wd ? t(`rhDay${wd.weekday}` as Key) : '';
  const lines = (r.comparison?.rows ?? [])
    .map((row) => {
      const w = wd?.rows.find((x) => x.metric === row.metric);
      const parts: string[] = [];
      if (row.pct !== null) parts.push(fill(t('rhVsPrev'), { dir: dir(row.pct) }));
      if (w && w.pct !== null && wd) parts.push(fill(t('rhVsWeekday'), { n: wd.sessions, day, dir: dir(w.pct) }));
      const size = Math.max(Math.abs(row.pct ?? 0), Math.abs(w?.pct ?? 0));
      return { row, parts, size };
    })
    .filter((x) => x.parts.length > 0)
    .sort((a, b) => b.size - a.size);
  const label = (metric: string) => (METRIC_KEY[metric] ? t(METRIC_KEY[metric]) : metric);
  return (
    <div className="panel" data-testid="report-history">
      <h2>{t('rhTitle')}</h2>
      {lines.length === 0 ? <p className="muted">{t('rhNoHistory')}</p> : null}
      <ul className="change-words">
        {lines.map(({ row, parts }) => (
          <li key={row.metric} data-metric={row.metric}>
            <strong>{label(row.metric)}</strong> {showMetric(row.metric, row.now, lang)}
            {lang === 'zh' ? '：' : ': '}
            {parts.join(lang === 'zh' ? '；' : '; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
