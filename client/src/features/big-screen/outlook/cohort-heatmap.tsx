// Retention of new viewers as a compact heat map: one column per entry minute (last 30), one row per 1, 3, 5 and
// 10 minutes after entering; brighter is more still watching, relative to the best share in its row. Estimates
// (a feed without departures) are marked 估算. Plain cells, no chart library: 120 small boxes.
import { RETENTION_MINUTES } from '../../../../../shared/outlook/outlook.ts';
import { fmtClock, fmtPct } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n.ts';
import { useOutlookStore } from '../../../stores/outlook-store.ts';
import { useUiStore } from '../../../stores/ui-store.ts';
import { fillIn } from './words.ts';

export function CohortHeatmap() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const cohorts = useOutlookStore((s) => s.msg?.cohorts ?? null);
  const rows = cohorts?.rows ?? [];
  const estimated = cohorts !== null && !cohorts.exact;
  return (
    <section className="panel outlook-cohorts" data-testid="cohort-heatmap">
      <h2>
        {t('olCohorts')}
        {estimated ? <span className="badge estimated">{t('olEstimated')}</span> : null}
      </h2>
      <div
        className="heat"
        style={{ gridTemplateColumns: `3.2em repeat(${Math.max(1, rows.length)}, minmax(0, 1fr))` }}
      >
        {RETENTION_MINUTES.map((k, ki) => {
          const best = Math.max(1e-9, ...rows.map((r) => r.retention[ki] ?? 0));
          return [
            <span key={`h${k}`} className="heat-label">
              {fillIn(t('olAfter'), { k })}
            </span>,
            ...rows.map((r) => {
              const v = r.retention[ki] ?? null;
              const who =
                r.size === null
                  ? fillIn(t('olEnteredEstimated'), { t: fmtClock(r.minute, lang) })
                  : fillIn(t('olEntered'), { t: fmtClock(r.minute, lang), n: r.size });
              return (
                <span
                  key={`${k}-${r.minute}`}
                  className={`cell${v === null ? ' pending' : ''}`}
                  style={v === null ? undefined : { opacity: 0.15 + 0.85 * (v / best) }}
                  title={`${who}${r.explaining ? ` · ${r.explaining}` : ''} · ${fillIn(t('olAfter'), { k })}: ${v === null ? t('olPending') : fmtPct(v)}`}
                />
              );
            }),
          ];
        })}
      </div>
      <div className="heat-axis muted">
        <span>{rows[0] ? fmtClock(rows[0].minute, lang) : ''}</span>
        <span>{rows.at(-1) ? fmtClock(rows.at(-1)!.minute, lang) : ''}</span>
      </div>
    </section>
  );
}
