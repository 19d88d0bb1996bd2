// The 复盘's retention table: every entry minute of the session with the share still watching after 1, 3, 5 and
// 10 minutes, and the same by the product explained when they entered. Read apart from the report (it counts
// every entry and departure of the session), after the report shows.
import { useEffect, useState } from 'react';
import '../../styles/outlook.css';
import { RETENTION_MINUTES } from '../../../../shared/outlook/outlook.ts';
import { api } from '../../lib/api.ts';
import { fmtClock, fmtPct } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { fill } from './report-words.ts';

interface Row {
  minute: number;
  size: number | null;
  explaining: string | null;
  retention: (number | null)[];
  estimated: boolean;
}
interface Cohorts {
  exact: boolean;
  rows: Row[];
  byProduct: { productId: string; size: number | null; retention: (number | null)[] }[];
}

const cell = (v: number | null) => (v === null ? '—' : fmtPct(v));

export function ReportCohorts({ sid, seat }: { sid: string; seat: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [c, setC] = useState<Cohorts | null>(null);
  useEffect(() => {
    void api<Cohorts>(`/api/sessions/${encodeURIComponent(sid)}/cohorts`, { seat })
      .catch(() => null)
      .then(setC);
  }, [sid, seat]);
  if (!c || c.rows.length === 0) return null;
  const head = (
    <tr>
      <th />
      <th>{t('rhViewers')}</th>
      {RETENTION_MINUTES.map((k) => (
        <th key={k}>{fill(t('olAfter'), { k })}</th>
      ))}
    </tr>
  );
  return (
    <div className="panel report-cohorts" data-testid="report-cohorts">
      <h2>
        {t('rhCohorts')}
        {c.exact ? null : <span className="badge estimated">{t('olEstimated')}</span>}
      </h2>
      {c.byProduct.length > 0 ? (
        <table data-testid="cohorts-by-product">
          <thead>{head}</thead>
          <tbody>
            {c.byProduct.map((p) => (
              <tr key={p.productId}>
                <td className="name">{p.productId}</td>
                <td>{p.size ?? '—'}</td>
                {p.retention.map((v, i) => (
                  <td key={RETENTION_MINUTES[i]}>{cell(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="scroll">
        <table data-testid="cohorts-by-minute">
          <thead>{head}</thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.minute}>
                <td className="name">{fmtClock(r.minute, lang)}</td>
                <td>{r.size ?? '—'}</td>
                {r.retention.map((v, i) => (
                  <td key={RETENTION_MINUTES[i]}>{cell(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
