// The host's prompter: one cue at a time in very large type, urgent first, with the queue count and a
// countdown. Acknowledge by tap/click, Space, or a configurable key (foot pedals send keys). An urgent cue
// the host has not acknowledged escalates: it pulses and the senders are warned.
import { useEffect, useState } from 'react';
import type { Cue } from '../../../../shared/cues.ts';
import { send } from '../../lib/commands.ts';
import { useT } from '../../lib/i18n.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { openCues, useCuesStore } from '../../stores/cues-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { ConnectionBadge } from '../big-screen/status-badges.tsx';
import { useReportSeen } from './use-report-seen.ts';

export function Prompter() {
  const t = useT();
  const byId = useCuesStore((s) => s.byId);
  const queue = openCues(byId);
  const cue = queue[0] ?? null;
  const ackKey = useUiStore((s) => s.ackKey);
  useReportSeen(queue, cue);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!cue || e.target instanceof HTMLInputElement) return;
      if (e.key === ackKey || (ackKey === ' ' && e.code === 'Space')) {
        e.preventDefault();
        void send('cue:ack', { cueId: cue.id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cue, ackKey]);
  const status = useConnectionStore((s) => s.status);
  return (
    <div className={`prompter${status !== 'live' ? ' offline' : ''}`} data-testid="prompter">
      <div className="prompter-top">
        <ConnectionBadge />
        <span className="queue" data-testid="cue-queue">
          {t('queue')} {Math.max(0, queue.length - 1)}
        </span>
        <AckKeySetting />
      </div>
      {cue ? <CueCard cue={cue} /> : <div className="no-cue">{t('noCue')}</div>}
    </div>
  );
}

function CueCard({ cue }: { cue: Cue }) {
  const t = useT();
  return (
    <button
      type="button"
      className={`cue-card ${cue.priority}${cue.escalatedAt ? ' escalated' : ''}`}
      data-testid="cue-card"
      data-cue={cue.id}
      onClick={() => void send('cue:ack', { cueId: cue.id })}
    >
      <span className="cue-text">{cue.text}</span>
      {cue.countdownSeconds !== null ? <Countdown cue={cue} /> : null}
      <span className="cue-hint">{t('pressToAck')}</span>
    </button>
  );
}

function Countdown({ cue }: { cue: Cue }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);
  const left = Math.max(0, Math.ceil((cue.sentAt + (cue.countdownSeconds ?? 0) * 1000 - now) / 1000));
  return <span className="countdown">{left}s</span>;
}

function AckKeySetting() {
  const t = useT();
  const ackKey = useUiStore((s) => s.ackKey);
  const setAckKey = useUiStore((s) => s.setAckKey);
  return (
    <label className="ack-key">
      {t('ackKey')}
      <input
        value={ackKey === ' ' ? 'Space' : ackKey}
        onKeyDown={(e) => {
          e.preventDefault();
          setAckKey(e.key);
        }}
        readOnly
      />
    </label>
  );
}
