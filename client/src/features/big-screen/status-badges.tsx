// Staleness is shown, never hidden: the link to the server and the health of the room's data source.
import { fmtDuration } from '../../lib/format.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';

export function ConnectionBadge() {
  const t = useT();
  const status = useConnectionStore((s) => s.status);
  const code = useConnectionStore((s) => s.errorCode);
  const message = useConnectionStore((s) => s.errorMessage);
  return (
    <span className={`badge badge-${status}`} data-testid="conn-badge" data-status={status} title={message ?? ''}>
      {t('connection')}: {t(status as Key)}
      {status === 'error' && code ? ` (${code})` : ''}
    </span>
  );
}

export function SourceBadge() {
  const t = useT();
  const source = useRoomStore((s) => s.state?.source);
  if (!source) return null;
  const lag = source.lagMs !== null && source.lagMs > 2000 ? ` · ${t('lag')} ${fmtDuration(source.lagMs / 1000)}` : '';
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
