// While a 场控 scrubs the replay, the stream goes on: the room's live alerts stay in view (and chime) above the
// replay, each a link back to the live screen. A socket of its own, read only for alerts; the replay's stores
// stay the driver's (the past), so the live alerts live here, in this component's state.
import { useEffect, useState } from 'react';
import type { Alert } from '../../../../shared/alerts.ts';
import { chime } from '../../lib/chime.ts';
import { useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import { createLiveSocket } from '../../lib/socket.ts';
import { useUiStore } from '../../stores/ui-store.ts';

export function LiveAlerts({ roomId, seat }: { roomId: string; seat: string }) {
  const t = useT();
  const [alerts, setAlerts] = useState<Record<string, Alert>>({});
  useEffect(() => {
    const socket = createLiveSocket(roomId, seat);
    const put = (a: Alert) => setAlerts((m) => ({ ...m, [a.id]: a }));
    const drop = (a: Alert) =>
      setAlerts((m) => {
        const { [a.id]: _gone, ...rest } = m;
        return rest;
      });
    socket.on('room:snapshot', (msg) => setAlerts(Object.fromEntries((msg.alerts ?? []).map((a) => [a.id, a]))));
    socket.on('alert:raised', ({ alert }) => {
      put(alert);
      if (!useUiStore.getState().muted) chime(alert.severity);
    });
    socket.on('alert:updated', ({ alert }) => put(alert));
    socket.on('alert:resolved', ({ alert }) => drop(alert));
    return () => {
      socket.disconnect();
    };
  }, [roomId, seat]);
  const firing = Object.values(alerts).filter((a) => a.state === 'firing');
  if (firing.length === 0) return null;
  return (
    <div className="live-alerts" data-testid="live-alerts" role="alert">
      <strong>
        {t('liveAlerts')} {firing.length}
      </strong>
      {firing.slice(0, 3).map((a) => (
        <span key={a.id} className={`sev-${a.severity}`}>
          {a.name}
        </span>
      ))}
      <a className="back" href={screenUrl(roomId, seat)}>
        {t('backToLive')} →
      </a>
    </div>
  );
}
