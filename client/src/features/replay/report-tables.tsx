// The report's lists: the alert audit (why it fired, forwarded? acknowledged? recovered within 5 minutes?), the session's
// top barrage words, and the explain segments with their figures. Times of day in the screen's language.
import { formatEvidence } from '../../../../shared/alert-evidence.ts';
import { fmtClock, fmtCount, fmtDuration, fmtMoney } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import type { Report } from './replay-types.ts';

export function AlertAudit({ r }: { r: Report }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <div className="panel">
      <h2>{t('rAlertAudit')}</h2>
      {r.alertAudit.length === 0 ? <p className="muted">{t('rNoAlerts')}</p> : null}
      <table data-testid="alert-audit">
        <tbody>
          {r.alertAudit.map((a) => (
            <tr key={a.alertId}>
              <td className="name">{a.name}</td>
              <td>{fmtClock(a.firedAt, lang, true)}</td>
              <td className="evidence" data-testid="audit-evidence">
                {a.evidence ? formatEvidence(a.evidence, lang) : '—'}
              </td>
              <td>{a.cueSent ? (a.cueAcked ? t('rCueAcked') : t('rCueNotAcked')) : t('rNotForwarded')}</td>
              <td className={a.recoveredWithin5Min ? 'up' : 'down'}>
                {a.recoveredWithin5Min ? t('rRecovered') : t('rNotRecovered')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('rHotWords')}</h2>
      <p className="words" data-testid="report-words">
        {(r.interaction?.hotWords ?? []).map((w) => `${w.word} ${fmtCount(w.count, lang)}`).join(' · ') || '—'}
      </p>
    </div>
  );
}

export function ExplainSegments({ r }: { r: Report }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <div className="panel wide">
      <h2>{t('rSegments')}</h2>
      <table data-testid="report-segments">
        <thead>
          <tr>
            <th>{t('product')}</th>
            <th>{t('rStart')}</th>
            <th>{t('rDuration')}</th>
            <th>{t('rExposures')}</th>
            <th>{t('clicks')}</th>
            <th>{t('orders')}</th>
            <th>{t('gmv')}</th>
          </tr>
        </thead>
        <tbody>
          {r.explainSegments.map((g) => (
            <tr key={`${g.productId}-${g.start}`}>
              <td className="name">{r.products.find((p) => p.id === g.productId)?.name ?? g.productId}</td>
              <td>{fmtClock(g.start, lang)}</td>
              <td>{fmtDuration(g.durationSeconds)}</td>
              <td>{fmtCount(g.exposures, lang)}</td>
              <td>{fmtCount(g.clicks, lang)}</td>
              <td>{fmtCount(g.orders, lang)}</td>
              <td>{fmtMoney(g.gmv, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
