// The 复盘 report page: figures by section as the review method orders them, the comparison with the previous
// session (largest changes highlighted, weakest funnel stage named), the alert audit, products and explain
// segments, minute charts with markers, and CSV downloads. Missing measures show as "—".
import { useEffect, useState } from 'react';
import { fmtChange, fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import type { Report } from '../../lib/replay-types.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { MinuteCharts } from './minute-charts.tsx';

async function download(url: string, token: string, name: string): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

const RATE_METRICS = new Set([
  'followRate',
  'interactionRate',
  'clickRate',
  'clickToOrder',
  'orderToPaid',
  'conversion',
]);
const MONEY_METRICS = new Set(['gmv', 'paid', 'uvValue', 'gpm']);

export function ReportView({ roomId, token, sid }: { roomId: string; token: string; sid: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [r, setR] = useState<Report | null>(null);
  useEffect(() => {
    void fetch(`/api/sessions/${encodeURIComponent(sid)}/report`, { headers: { authorization: `Bearer ${token}` } })
      .then((res) => res.json())
      .then((x) => setR(x as Report));
  }, [sid, token]);
  if (!r) return <div className="waiting">…</div>;
  const show = (metric: string, v: number | null) =>
    RATE_METRICS.has(metric)
      ? fmtPct(v, 2)
      : MONEY_METRICS.has(metric)
        ? fmtMoney(v, lang)
        : metric === 'avgWatchSeconds'
          ? fmtDuration(v)
          : fmtCount(v, lang);
  return (
    <div className="report" data-testid="report-view">
      <header className="top">
        <h1>
          {t('report')} · {new Date(r.session.start).toLocaleString()} · {Math.round(r.session.durationSeconds / 60)}{' '}
          min
        </h1>
        <div className="top-right">
          <a href={`${screenUrl(roomId, token)}&replay=${encodeURIComponent(sid)}`}>{t('replay')}</a>
          <button
            type="button"
            onClick={() => void download(`/api/sessions/${sid}/report.csv?table=minutes`, token, `${sid}-minutes.csv`)}
          >
            CSV · minutes
          </button>
          <button
            type="button"
            onClick={() =>
              void download(`/api/sessions/${sid}/report.csv?table=products`, token, `${sid}-products.csv`)
            }
          >
            CSV · products
          </button>
        </div>
      </header>
      {!r.hasCommerce ? (
        <div className="note static">
          该场次无交易数据 · no sales data in this session: commerce figures are missing, not zero
        </div>
      ) : null}
      <section className="report-grid">
        <div className="panel" data-testid="report-compare">
          <h2>核心指标 · 环比 {r.comparison?.previousSession ? '' : '（无上一场）'}</h2>
          <table>
            <tbody>
              {(r.comparison?.rows ?? []).map((row) => (
                <tr key={row.metric} className={r.comparison?.largestChanges.includes(row.metric) ? 'highlight' : ''}>
                  <td className="name">{row.metric}</td>
                  <td>{show(row.metric, row.now)}</td>
                  <td className="muted">{show(row.metric, row.prev)}</td>
                  <td className={`kpi-change ${fmtChange(row.pct).dir}`}>{fmtChange(row.pct).text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.weakestStage ? (
            <p className="weakest" data-testid="weakest-stage">
              最弱环节 weakest stage: <strong>{r.weakestStage.stage}</strong> {fmtPct(r.weakestStage.rate, 1)}（常见{' '}
              {fmtPct(r.weakestStage.typical[0], 0)}–{fmtPct(r.weakestStage.typical[1], 0)}）
            </p>
          ) : null}
        </div>
        <div className="panel">
          <h2>告警复盘 · alert audit</h2>
          <table data-testid="alert-audit">
            <tbody>
              {r.alertAudit.map((a) => (
                <tr key={a.alertId}>
                  <td className="name">{a.name}</td>
                  <td>{new Date(a.firedAt).toTimeString().slice(0, 8)}</td>
                  <td>{a.cueSent ? (a.cueAcked ? '已转发·主播已确认' : '已转发·未确认') : '未转发'}</td>
                  <td className={a.recoveredWithin5Min ? 'up' : 'down'}>
                    {a.recoveredWithin5Min ? '5分钟内恢复' : '未恢复'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>弹幕热词 top 20</h2>
          <p className="words">
            {(r.interaction?.hotWords ?? []).map((w) => `${w.word} ${w.count}`).join(' · ') || '—'}
          </p>
        </div>
        <div className="panel wide">
          <h2>讲解 · explain segments</h2>
          <table>
            <thead>
              <tr>
                <th>product</th>
                <th>start</th>
                <th>duration</th>
                <th>exposures</th>
                <th>clicks</th>
                <th>orders</th>
                <th>GMV</th>
              </tr>
            </thead>
            <tbody>
              {r.explainSegments.map((g) => (
                <tr key={`${g.productId}-${g.start}`}>
                  <td className="name">{r.products.find((p) => p.id === g.productId)?.name ?? g.productId}</td>
                  <td>{new Date(g.start).toTimeString().slice(0, 5)}</td>
                  <td>{fmtDuration(g.durationSeconds)}</td>
                  <td>{g.exposures}</td>
                  <td>{g.clicks}</td>
                  <td>{g.orders}</td>
                  <td>{fmtMoney(g.gmv, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MinuteCharts minutes={r.minutes} markers={r.markers} />
      </section>
    </div>
  );
}
