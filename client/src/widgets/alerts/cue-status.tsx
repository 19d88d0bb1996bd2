// A cue's life as its sender sees it: sent → delivered → shown → acknowledged (or cancelled / expired).
import type { Cue } from '../../../../shared/cues.ts';
import { type Key, useT } from '../../lib/i18n.ts';

const time = (ts: number | null) => (ts === null ? '' : new Date(ts).toTimeString().slice(0, 8));

export function CueStatusLine({ cue }: { cue: Cue }) {
  const t = useT();
  const steps: [Key, number | null][] = [
    ['sent', cue.sentAt],
    ['delivered', cue.deliveredAt],
    ['shown', cue.shownAt],
    ['ackedCue', cue.ackedAt],
  ];
  return (
    <div className={`cue-status st-${cue.status}`} data-testid="cue-status" data-status={cue.status}>
      {steps
        .filter(([, ts]) => ts !== null)
        .map(([k, ts]) => `${t(k)} ${time(ts)}`)
        .join(' → ')}
      {cue.cancelledAt ? ` · ${t('cancelled')}` : ''}
      {cue.expiredAt ? ` · ${t('expired')}` : ''}
      {cue.escalatedAt && !cue.ackedAt ? ` · ⚠ ${t('escalated')}` : ''}
    </div>
  );
}
