// The 复盘 report page, in the screen's language with the big screen's words: figures by section as the
// review method orders them, the comparison with the previous session (largest changes highlighted, weakest
// funnel stage named), the alert audit, explain segments, minute charts with markers, and CSV downloads.
// Missing measures show as "—".
import { useEffect, useState } from 'react';
import { api, apiFetch } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { MinuteCharts } from './minute-charts.tsx';
import type { Report } from './replay-types.ts';
import { ReportCohorts } from './report-cohorts.tsx';
import { ReportCompare } from './report-compare.tsx';
import { ReportHistory } from './report-history.tsx';
import { ReportLedger, ReportQuestions } from './report-sections.tsx';
import { AlertAudit, ExplainSegments } from './report-tables.tsx';
import { fill } from './report-words.ts';

async function download(url: string, seat: string, name: string): Promise<void> {
  const res = await apiFetch(url, { seat });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function ReportView({ roomId, seat, sid }: { roomId: string; seat: string; sid: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  const [r, setR] = useState<Report | null>(null);
  useEffect(() => {
    void api<Report>(`/api/sessions/${encodeURIComponent(sid)}/report`, { seat }).then(setR);
  }, [sid, seat]);
  if (!r) return <div className="waiting">…</div>;
  // Headers in the screen's language, times in this browser's time zone (with their offset).
  const tz = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const csv = (table: 'minutes' | 'products') =>
    void download(`/api/sessions/${sid}/report.csv?table=${table}&lang=${lang}&tz=${tz}`, seat, `${sid}-${table}.csv`);
  return (
    <div className="report" data-testid="report-view">
      <header className="top">
        <h1 data-testid="report-title">
          {t('report')} · {fmtDateTime(r.session.start, lang)} ·{' '}
          {fill(t('rMinutesLong'), { n: Math.round(r.session.durationSeconds / 60) })}
        </h1>
        <div className="top-right">
          <a href={`${screenUrl(roomId, seat)}&replay=${encodeURIComponent(sid)}`}>{t('replay')}</a>
          <button type="button" onClick={() => csv('minutes')}>
            {t('rCsvMinutes')}
          </button>
          <button type="button" onClick={() => csv('products')}>
            {t('rCsvProducts')}
          </button>
          <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'EN' : '中'}
          </button>
        </div>
      </header>
      {!r.hasCommerce ? <div className="note static">{t('rNoSales')}</div> : null}
      <section className="report-grid">
        <ReportCompare r={r} />
        <ReportHistory r={r} />
        <ReportCohorts sid={sid} seat={seat} />
        <AlertAudit r={r} />
        <ExplainSegments r={r} />
        <ReportQuestions r={r} />
        <ReportLedger r={r} />
        <MinuteCharts minutes={r.minutes} markers={r.markers} />
      </section>
    </div>
  );
}
