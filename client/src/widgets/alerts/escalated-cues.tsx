// Urgent cues the host has not acknowledged in time (the server set `escalatedAt`), whoever sent them and
// whether or not they came from an alert: the 场控 must see them even when the 助播 sent the cue. Newest
// escalation first; a cue leaves the block once acknowledged, cancelled or expired.

import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatEvidence } from '../../../../shared/alert-evidence.ts';
import type { Cue } from '../../../../shared/cues.ts';
import { send } from '../../lib/commands.ts';
import { errorText } from '../../lib/error-words.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { isOpenCue, useCuesStore } from '../../stores/cues-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { CueStatusLine } from './cue-status.tsx';

/** The seats that send cues; another sender is shown as the server named it. */
const SENDER: Record<string, Key> = { controller: 'roleController', assistant: 'roleAssistant' };

export const isEscalatedCue = (c: Cue) => c.escalatedAt !== null && isOpenCue(c);

export function EscalatedCues() {
  const t = useT();
  const cues = useCuesStore(
    useShallow((s) =>
      Object.values(s.byId)
        .filter(isEscalatedCue)
        .sort((a, b) => (b.escalatedAt ?? 0) - (a.escalatedAt ?? 0)),
    ),
  );
  if (cues.length === 0) return null;
  return (
    <div className="escalated-cues" role="alert" data-testid="escalated-cues">
      <h3>
        ⚠ {t('escalatedTitle')} <span className="count">{cues.length}</span>
      </h3>
      <ul>
        {cues.map((c) => (
          <EscalatedCue key={c.id} cue={c} />
        ))}
      </ul>
    </div>
  );
}

function EscalatedCue({ cue }: { cue: Cue }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [error, setError] = useState<string | null>(null);
  // Room (event) time in whole seconds: re-render once a second, not on every tick.
  const roomSec = useRoomStore((s) => (s.state ? Math.floor(s.state.ts / 1000) : null));
  const sender = SENDER[cue.from];
  const cancel = async () => {
    const res = await send('cue:cancel', { cueId: cue.id });
    setError(res.ok ? null : errorText(res.error, t));
  };
  return (
    <li className="escalated-cue" data-testid="escalated-cue" data-cue={cue.id}>
      <div className="escalated-text" title={cue.text}>
        ⚠ {cue.text}
      </div>
      {cue.evidence ? (
        <div className="escalated-evidence" data-testid="escalated-evidence">
          {t('evidence')}: {formatEvidence(cue.evidence, lang)}
        </div>
      ) : null}
      <div className="escalated-meta">
        <span className="from">{sender ? t(sender) : cue.from}</span>
        {roomSec === null ? null : <span className="ago">{ago(roomSec * 1000 - cue.sentAt, t)}</span>}
        <button type="button" data-testid="escalated-cancel" onClick={() => void cancel()}>
          {t('cancel')}
        </button>
      </div>
      <CueStatusLine cue={cue} />
      {error ? <div className="error">{error}</div> : null}
    </li>
  );
}

function ago(ms: number, t: (k: Key) => string): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60
    ? t('agoSeconds').replace('{n}', String(s))
    : t('agoMinutes').replace('{n}', String(Math.floor(s / 60)));
}
