// Staleness is shown, never hidden: the link to the server and the health of the room's data source.
import { useEffect, useState } from 'react';
import type { SourceHealth } from '../../../shared/state.ts';
import { retryNow } from '../lib/bridge.ts';
import { errorText } from '../lib/error-words.ts';
import { DASH } from '../lib/format.ts';
import { type Key, useT } from '../lib/i18n.ts';
import { retryCountdown } from '../lib/retry-text.ts';
import { agoText, sourceName } from '../lib/source-words.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useRoomStore } from '../stores/room-store.ts';

export function ConnectionBadge() {
  const t = useT();
  const status = useConnectionStore((s) => s.status);
  const code = useConnectionStore((s) => s.errorCode);
  const message = useConnectionStore((s) => s.errorMessage);
  const rebuild = useConnectionStore((s) => s.rebuild);
  const pct = rebuild && rebuild.total > 0 ? ` ${Math.floor((100 * rebuild.done) / rebuild.total)}%` : '';
  // A refusal in words, never its code: the code stays in data-code for tests and support.
  const words = status === 'error' && code ? errorText({ code, message: message ?? code }, t) : null;
  return (
    <span
      className={`badge badge-${status}`}
      data-testid="conn-badge"
      data-status={status}
      data-code={code ?? ''}
      title={words ?? ''}
    >
      {t('connection')}: {words ?? t(status as Key)}
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

/** What a source's chip says about it: its state word and, once it sent anything, how long ago. */
function sourceState(src: SourceHealth, t: (key: Key) => string): string {
  const word = src.phase ? t(`phase_${src.phase}` as Key) : t(src.status as Key);
  const ago = src.status === 'idle' && !src.lastSuccessAt ? null : agoText(src.lagMs, t);
  return ago ? `${word} · ${ago}` : word;
}

export function SourceBadge() {
  const t = useT();
  const source = useRoomStore((s) => s.state?.source);
  // Cut off from the server, the screen does not know the source's state: never a green 正常 from before.
  const cutOff = useConnectionStore((s) => s.status === 'reconnecting' || s.status === 'error');
  if (!source) {
    return (
      <span className="badge" data-testid="source-badge" data-status="unknown">
        {t('source')}: {DASH}
      </span>
    );
  }
  const name = sourceName(source.kind, t);
  if (cutOff) {
    return (
      <span className="badge" data-testid="source-badge" data-status="unknown">
        {t('source')}: {name} {t('unknownState')}
      </span>
    );
  }
  return (
    <span
      className={`badge badge-src-${source.status}`}
      data-testid="source-badge"
      data-status={source.status}
      title={[source.error, source.note].filter(Boolean).join(' · ')}
    >
      {t('source')}: {name} {sourceState(source, t)}
      {source.sampled ? ` · ${t('sampled')}` : ''}
      {source.masked ? ` · ${t('masked')}` : ''}
    </span>
  );
}

/** One badge per source when the room has several (a live feed, the shop webhook…), each with its own state. */
export function SourceList() {
  const t = useT();
  const sources = useRoomStore((s) => s.state?.sources);
  const cutOff = useConnectionStore((s) => s.status === 'reconnecting' || s.status === 'error');
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
            className={cutOff ? 'badge' : `badge badge-src-${src.status}`}
            data-testid={`source-${src.id}`}
            data-phase={src.phase ?? ''}
            title={[src.error, src.note].filter(Boolean).join(' · ')}
          >
            {sourceName(src.kind, t)}: {cutOff ? t('unknownState') : sourceState(src, t)}
            {retryS !== null && !cutOff ? ` · ${retryS}${t('retryInS')}` : ''}
            {src.sampled ? ` · ${t('sampled')}` : ''}
            {src.masked ? ` · ${t('masked')}` : ''}
          </span>
        );
      })}
    </span>
  );
}
