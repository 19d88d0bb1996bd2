// The comparison with the previous session (环比): each figure under its big-screen name, this session, the
// previous one and the change, the largest changes highlighted; then the weakest funnel stage.
import { fmtChange, fmtPct } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import type { Report } from './replay-types.ts';
import { fill, METRIC_KEY, STAGE_KEY, showMetric } from './report-words.ts';

export function ReportCompare({ r }: { r: Report }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const label = (metric: string) => (METRIC_KEY[metric] ? t(METRIC_KEY[metric]) : metric);
  const w = r.weakestStage;
  return (
    <div className="panel" data-testid="report-compare">
      <h2>
        {t('rCompare')} {r.comparison?.previousSession ? '' : t('rNoPrevious')}
      </h2>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('rThis')}</th>
            <th>{t('rPrev')}</th>
            <th>{t('rChange')}</th>
          </tr>
        </thead>
        <tbody>
          {(r.comparison?.rows ?? []).map((row) => (
            <tr
              key={row.metric}
              data-metric={row.metric}
              className={r.comparison?.largestChanges.includes(row.metric) ? 'highlight' : ''}
            >
              <td className="name">{label(row.metric)}</td>
              <td>{showMetric(row.metric, row.now, lang)}</td>
              <td className="muted">{showMetric(row.metric, row.prev, lang)}</td>
              <td className={`kpi-change ${fmtChange(row.pct).dir}`}>{fmtChange(row.pct).text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.comparison?.previousSession ? null : (
        <p className="muted" data-testid="no-previous">
          {t('rNoPreviousWhy')}
        </p>
      )}
      {w ? (
        <p className="weakest" data-testid="weakest-stage" data-below={w.belowTypical}>
          {/* A stage within its usual range is not called weak: the line says all are normal instead. */}
          {w.belowTypical ? t('rWeakest') : t('rNoWeakStage')}:{' '}
          <strong>{STAGE_KEY[w.stage] ? t(STAGE_KEY[w.stage]!) : w.stage}</strong> {fmtPct(w.rate, 1)} (
          {fill(t('rTypical'), { lo: fmtPct(w.typical[0], 0), hi: fmtPct(w.typical[1], 0) })})
        </p>
      ) : null}
    </div>
  );
}
