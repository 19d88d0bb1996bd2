// Staleness is shown, never hidden: the link to the server and the health of the room's data source.
import { useEffect, useState } from 'react';
import { retryNow } from '../../lib/bridge.ts';
import { DASH, fmtDuration } from '../../lib/format.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { retryCountdown } from '../../lib/retry-text.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';

/** Source lag under this is normal delivery delay, not worth the 场控's attention. */
const SHOW_LAG_ABOVE_MS = 2_000;

export function ConnectionBadge() {
  const t = useT();
  const status = useConnectionStore((s) => s.status);
  const code = useConnectionStore((s) => s.errorCode);
  const message = useConnectionStore((s) => s.errorMessage);
  const rebuild = useConnectionStore((s) => s.rebuild);
  const pct = rebuild && rebuild.total > 0 ? ` ${Math.floor((100 * rebuild.done) / rebuild.total)}%` : '';
  return (
    <span className={`badge badge-${status}`} data-testid="conn-badge" data-status={status} title={message ?? ''}>
      {t('connection')}: {t(status as Key)}
      {status === 'error' && code ? ` (${code})` : ''}
      {status === 'rebuilding' ? pct : ''}
    </span>
  );
}

/** While the screen waits to reconnect: the seconds until the next try, and a button to try now. */
export function RetryControl() {
  const t = useT();
  const status = useConnectionStore((s) => s.status);
  const draining = useConnectionStore((s) => s.draining);
  const [now, setNow] = useState(() => Date.now());
  const waiting = status === 'reconnecting';
  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [waiting]);
  if (!waiting) return null;
  const line = retryCountdown(t, now);
  return (
    <span className="retry" data-testid="retry" title={draining ? t('serverDraining') : ''}>
      {line ? <span data-testid="retry-in">{line}</span> : null}
      <button type="button" data-testid="retry-now" onClick={retryNow}>
        {t('retryNow')}
      </button>
    </span>
  );
}

export function SourceBadge() {
  const t = useT();
  const source = useRoomStore((s) => s.state?.source);
  if (!source) {
    return (
      <span className="badge" data-testid="source-badge" data-status="unknown">
        {t('source')}: {DASH}
      </span>
    );
  }
  const lagMs = source.lagMs;
  const lag = lagMs !== null && lagMs > SHOW_LAG_ABOVE_MS ? ` · ${t('lag')} ${fmtDuration(lagMs / 1000)}` : '';
  return (
    <span
      className={`badge badge-src-${source.status}`}
      data-testid="source-badge"
      data-status={source.status}
      title={source.error ?? ''}
    >
      {t('source')}: {source.kind} {source.phase ? t(`phase_${source.phase}` as Key) : t(source.status as Key)}
      {lag}
      {source.sampled ? ` · ${t('sampled')}` : ''}
    </span>
  );
}

/** One badge per source when the room has several (a live feed, the shop webhook…), each with its own state. */
export function SourceList() {
  const t = useT();
  const sources = useRoomStore((s) => s.state?.sources);
  if (!sources || sources.length < 2) return null;
  return (
    <span className="source-list">
      {sources.map((src) => {
        const retryS =
          src.phase === 'reconnecting' && src.retryAt
            ? Math.max(0, Math.ceil((src.retryAt - Date.now()) / 1000))
            : null;
        return (
          <span
            key={src.id ?? src.kind}
            className={`badge badge-src-${src.status}`}
            data-testid={`source-${src.id}`}
            data-phase={src.phase ?? ''}
            title={src.error ?? ''}
          >
            {src.id}: {src.phase ? t(`phase_${src.phase}` as Key) : t(src.status as Key)}
            {retryS !== null ? ` · ${retryS}${t('retryInS')}` : ''}
            {src.sampled ? ` · ${t('sampled')}` : ''}
          </span>
        );
      })}
    </span>
  );
}
