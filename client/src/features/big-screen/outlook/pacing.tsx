// The forecast of the final GMV and orders with its 80 % interval (or 数据不足), and each target's pace: the
// figure now against where the room's usual shape says it should be, ahead or behind in ¥ and %, and the
// projected finish. The 场控 seat sets the targets here (socket room:targets).
import { useState } from 'react';
import type { Forecast } from '../../../../../shared/outlook/forecast.ts';
import type { Pace } from '../../../../../shared/outlook/pacing.ts';
import { send } from '../../../lib/commands.ts';
import { type Lang, useT } from '../../../lib/i18n.ts';
import { useOutlookStore } from '../../../stores/outlook-store.ts';
import { useRoomStore } from '../../../stores/room-store.ts';
import { useUiStore } from '../../../stores/ui-store.ts';
import { fillIn, fmtMetric, PACE_KEY } from './words.ts';

function ForecastLine({ label, f, field }: { label: string; f: Forecast; field: 'gmv' | 'orders' }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <div className="forecast" data-testid={`forecast-${field}`}>
      <span className="label">{label}</span>
      {f.status === 'ok' ? (
        <>
          <b>{fmtMetric(field, f.p50, lang)}</b>
          <span className="muted">
            {t('olInterval')} {fmtMetric(field, f.p10, lang)} – {fmtMetric(field, f.p90, lang)}
          </span>
        </>
      ) : (
        <span className="muted">{fillIn(t('olNotEnough'), { n: f.sessions })}</span>
      )}
    </div>
  );
}

function PaceRow({ p, lang }: { p: Omit<Pace, 'line'>; lang: Lang }) {
  const t = useT();
  const ahead = p.ahead >= 0;
  const pct = p.aheadPct === null ? '' : ` (${ahead ? '+' : ''}${Math.round(p.aheadPct * 100)}%)`;
  const fill = Math.min(1, p.current / p.target);
  const mark = Math.min(1, p.expected / p.target);
  const reach =
    p.current >= p.target
      ? t('olReached')
      : p.reachMinute === null
        ? t('olNotReached')
        : fillIn(t('olReachAt'), { m: p.reachMinute + 1 });
  return (
    <div className={`pace ${ahead ? 'ahead' : 'behind'}`} data-testid={`pace-${p.field}`}>
      <div className="pace-head">
        <span className="label">{t(PACE_KEY[p.field])}</span>
        <b>{fmtMetric(p.field, p.current, lang)}</b>
        <span className="muted">/ {fmtMetric(p.field, p.target, lang)}</span>
        <span className="delta">
          {ahead ? t('olAhead') : t('olBehind')} {fmtMetric(p.field, Math.abs(p.ahead), lang)}
          {pct}
        </span>
      </div>
      <div className="bar">
        <div className="fill" style={{ width: `${fill * 100}%` }} />
        <div className="mark" style={{ left: `${mark * 100}%` }} />
      </div>
      <div className="pace-foot muted">
        {t('olProjected')} {fmtMetric(p.field, p.projected, lang)} · {reach}
      </div>
    </div>
  );
}

function TargetForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const targets = useOutlookStore((s) => s.msg?.targets ?? null);
  const [gmv, setGmv] = useState(String(targets?.gmv ?? ''));
  const [orders, setOrders] = useState(String(targets?.orders ?? ''));
  const [peak, setPeak] = useState(String(targets?.peakOnline ?? ''));
  const [error, setError] = useState<string | null>(null);
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const save = async () => {
    const res = await send('room:targets', { gmv: num(gmv), orders: num(orders), peakOnline: num(peak) });
    if (res.ok) onDone();
    else setError(res.error.message);
  };
  return (
    <form
      className="targets-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('olPaceGmv')} <input inputMode="decimal" value={gmv} onChange={(e) => setGmv(e.target.value)} />
      </label>
      <label>
        {t('olPaceOrders')} <input inputMode="numeric" value={orders} onChange={(e) => setOrders(e.target.value)} />
      </label>
      <label>
        {t('olPacePeak')} <input inputMode="numeric" value={peak} onChange={(e) => setPeak(e.target.value)} />
      </label>
      <button type="submit">{t('olSave')}</button>
      {error ? <span className="error">{error}</span> : null}
    </form>
  );
}

export function Pacing() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const msg = useOutlookStore((s) => s.msg);
  const seat = useRoomStore((s) => s.seat);
  const [editing, setEditing] = useState(false);
  return (
    <section className="panel outlook-pacing" data-testid="outlook-pacing">
      <h2>
        {t('olForecast')}
        {seat === 'controller' ? (
          <span className="tabs">
            <button type="button" onClick={() => setEditing(!editing)} data-testid="set-targets">
              {t('olSetTargets')}
            </button>
          </span>
        ) : null}
      </h2>
      {editing ? <TargetForm onDone={() => setEditing(false)} /> : null}
      {msg ? (
        <>
          <ForecastLine label={t('olForecastGmv')} f={msg.forecast.gmv} field="gmv" />
          <ForecastLine label={t('olForecastOrders')} f={msg.forecast.orders} field="orders" />
          {msg.pace.length === 0 ? <div className="muted">{t('olNoTargets')}</div> : null}
          {msg.pace.map((p) => (
            <PaceRow key={p.field} p={p} lang={lang} />
          ))}
        </>
      ) : null}
    </section>
  );
}
