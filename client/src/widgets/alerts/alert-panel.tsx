// Firing alerts, most severe and oldest first, each naming its product when it is about one. The 场控
// acknowledges, snoozes, or forwards the rule's 话术 to the host with one click; the forwarded cue's status
// shows under the alert. Above them, any urgent cue the host has not acknowledged in time, whoever sent it.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatEvidence } from '../../../../shared/alert-evidence.ts';
import { formatAlertFigures } from '../../../../shared/alert-figures.ts';
import { type Alert, SEVERITY_RANK } from '../../../../shared/alerts.ts';
import { SNOOZE_MINUTES } from '../../../../shared/protocol.ts';
import { send } from '../../lib/commands.ts';
import { errorText } from '../../lib/error-words.ts';
import { useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useCuesStore } from '../../stores/cues-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useRulesStore } from '../../stores/rules-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { forwardAlert, useAlertPreview, useAlertProductName } from './alert-product.ts';
import { CueStatusLine } from './cue-status.tsx';
import { EscalatedCues, isEscalatedCue } from './escalated-cues.tsx';
import { StageStates } from './stage-states.tsx';

const CUT_OFF = new Set(['connecting', 'reconnecting', 'error', 'rebuilding']);

const bySeverityThenAge = (a: Alert, b: Alert) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.activeAt - b.activeAt;

export function AlertPanel() {
  const t = useT();
  const alerts = useAlertsStore(useShallow((s) => Object.values(s.active).sort(bySeverityThenAge)));
  const seat = useRoomStore((s) => s.seat);
  const muted = useUiStore((s) => s.muted);
  const setMuted = useUiStore((s) => s.setMuted);
  const canAct = seat === 'controller' || seat === 'assistant';
  // "All is well" would contradict an unacknowledged urgent cue shown just above it.
  const escalated = useCuesStore((s) => canAct && Object.values(s.byId).some(isEscalatedCue));
  // Cut off from the server, the screen cannot know what fires: it says so instead of 一切正常.
  const cutOff = useConnectionStore((s) => CUT_OFF.has(s.status));
  return (
    <section className="panel alerts" data-testid="alert-panel">
      <h2>
        {t('alerts')} <span className="count">{alerts.length}</span>
        <button type="button" className="mute" onClick={() => setMuted(!muted)} data-testid="mute-toggle">
          {muted ? t('unmute') : t('mute')}
        </button>
      </h2>
      {canAct ? <EscalatedCues /> : null}
      {cutOff ? (
        <p className="cut-off" role="alert" data-testid="conn-lost">
          {t('connectionLost')}
        </p>
      ) : null}
      {alerts.length === 0 && !escalated && !cutOff ? <p className="calm">{t('noAlerts')}</p> : null}
      <ul>
        {alerts.map((a) => (
          <AlertItem key={a.id} alert={a} canAct={canAct} />
        ))}
      </ul>
      <StageStates />
    </section>
  );
}

function AlertItem({ alert, canAct }: { alert: Alert; canAct: boolean }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const cue = useCuesStore((s) => Object.values(s.byId).find((c) => c.alertId === alert.id) ?? null);
  const roomTs = useRoomStore((s) => s.state?.ts ?? alert.firedAt ?? 0);
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > roomTs;
  const preview = useAlertPreview(alert);
  const productName = useAlertProductName(alert);
  const lang = useUiStore((s) => s.lang);
  const condition = useRulesStore((s) => s.rules?.find((r) => r.id === alert.ruleId)?.condition);
  const act = async (p: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
    const res = await p;
    setError(res.ok ? null : errorText(res.error ?? { code: 'internal_error' }, t));
  };
  const ageMin = Math.max(0, Math.round((roomTs - (alert.firedAt ?? alert.activeAt)) / 60_000));
  return (
    <li
      className={`alert sev-${alert.severity}${snoozed ? ' snoozed' : ''}${alert.ackedAt ? ' acked' : ''}`}
      data-testid="alert-item"
      data-rule={alert.ruleId}
    >
      <div className="alert-head">
        <span className="sev">{t(alert.severity)}</span>
        <span className="alert-name">{alert.name}</span>
        {productName === null ? null : (
          <span className="alert-product" data-testid="alert-product">
            {productName}
          </span>
        )}
        <span className="age">
          {ageMin}
          {t('minutesAgo')}
        </span>
      </div>
      <div className="alert-figures" data-testid="alert-evidence">
        {alert.evidence ? `${t('evidence')}: ` : ''}
        {alert.evidence ? formatEvidence(alert.evidence, lang) : formatAlertFigures(alert, condition, lang)}
        {alert.ackedAt ? ` · ${t('acked')}` : ''}
        {snoozed ? ` · ${t('snoozed')}` : ''}
      </div>
      <div className="alert-action" data-testid="alert-action">
        {preview}
      </div>
      {cue ? <CueStatusLine cue={cue} /> : null}
      {canAct ? (
        <div className="alert-buttons">
          <button
            type="button"
            data-testid="alert-forward"
            // A rule without 话术 has nothing to forward (a cue needs text).
            disabled={cue !== null || alert.action.trim() === ''}
            onClick={() => act(forwardAlert(alert))}
          >
            {t('forward')}
          </button>
          <button
            type="button"
            data-testid="alert-ack"
            disabled={alert.ackedAt !== null}
            onClick={() => act(send('alert:ack', { alertId: alert.id }))}
          >
            {t('ack')}
          </button>
          {SNOOZE_MINUTES.map((m) => (
            <button key={m} type="button" onClick={() => act(send('alert:snooze', { alertId: alert.id, minutes: m }))}>
              {m}
              {t('minutesShort')}
            </button>
          ))}
        </div>
      ) : null}
      {error ? <div className="error">{error}</div> : null}
    </li>
  );
}
