// The replay's timeline: a scrubber with markers (alerts, cues, explain segments, the largest dips),
// play/pause, speeds 1×–60×, previous/next marker.

import { type Key, useT } from '../../lib/i18n.ts';
import type { Marker } from './replay-types.ts';

export const SPEEDS = [1, 2, 5, 10, 30, 60];

interface Props {
  start: number;
  end: number;
  t: number;
  playing: boolean;
  speed: number;
  markers: Marker[];
  /** Product names by id, so an explain marker reads 讲解 保温杯, not p1. */
  productName?: (id: string) => string;
  onSeek: (t: number) => void;
  onPlay: (playing: boolean) => void;
  onSpeed: (speed: number) => void;
  onStep: (dir: -1 | 1) => void;
}

const clock = (ts: number) => new Date(ts).toTimeString().slice(0, 8);

/** A marker's tooltip in words: what it is, then its own line (告警 在线人数骤降, 在线下跌 9%, 讲解 保温杯). */
export function markerWords(m: Marker, tr: (k: Key) => string, productName: (id: string) => string): string {
  if (m.kind === 'explain') return `${tr('markerExplain')} ${productName(m.label)}`;
  if (m.kind === 'dip') return `${tr('markerDip')} ${m.label.replace(/^-/, '')}`;
  if (m.kind === 'cue') return `${tr('markerCue')} ${m.label}${m.acked ? ` · ${tr('acked')}` : ''}`;
  return `${tr('markerAlert')} ${m.label}${m.severity ? ` · ${tr(m.severity as Key)}` : ''}`;
}

export function ReplayBar(props: Props) {
  const { start, end, t, playing, speed, markers, onSeek, onPlay, onSpeed, onStep } = props;
  const productName = props.productName ?? ((id: string) => id);
  const tr = useT();
  const span = Math.max(1, end - start);
  return (
    <div className="replay-bar" data-testid="replay-bar">
      <button type="button" data-testid="replay-play" onClick={() => onPlay(!playing)}>
        {playing ? `❚❚ ${tr('pause')}` : `▶ ${tr('play')}`}
      </button>
      <button type="button" title={tr('prevMarker')} data-testid="marker-prev" onClick={() => onStep(-1)}>
        ◀ {tr('prevMarker')}
      </button>
      <button type="button" title={tr('nextMarker')} data-testid="marker-next" onClick={() => onStep(1)}>
        {tr('nextMarker')} ▶
      </button>
      <select value={speed} onChange={(e) => onSpeed(Number(e.target.value))} data-testid="replay-speed">
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      <span className="replay-clock" data-testid="replay-clock" data-ts={Math.round(t)}>
        {clock(t)}
      </span>
      <div className="scrubber">
        <input
          type="range"
          min={start}
          max={end}
          step={1000}
          value={t}
          onChange={(e) => onSeek(Number(e.target.value))}
          data-testid="replay-scrubber"
        />
        <div className="markers">
          {markers.map((m, i) => (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: markers may share a time and label
              key={`${m.kind}-${m.ts}-${i}`}
              type="button"
              className={`marker m-${m.kind}${m.severity ? ` sev-${m.severity}` : ''}`}
              style={{
                left: `${((m.ts - start) / span) * 100}%`,
                width: m.end ? `${Math.max(0.3, ((m.end - m.ts) / span) * 100)}%` : undefined,
              }}
              title={`${clock(m.ts)} ${markerWords(m, tr, productName)}`}
              data-testid={`marker-${m.kind}`}
              onClick={() => onSeek(m.ts)}
            />
          ))}
        </div>
      </div>
      <span className="replay-clock" data-testid="replay-end" data-ts={end}>
        {clock(end)}
      </span>
    </div>
  );
}
