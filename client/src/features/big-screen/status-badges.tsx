// Staleness is shown, never hidden: the link to the server and the health of the room's data source.
import { DASH, fmtDuration } from '../../lib/format.ts';
import { type Key, useT } from '../../lib/i18n.ts';
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
      {t('source')}: {source.kind} {t(source.status as Key)}
      {lag}
    </span>
  );
}
