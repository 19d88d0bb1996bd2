// 复盘 replay: the whole console as it was at any moment of a session, with a timeline to scrub and play.
// Keyboard: Space play/pause, ←/→ previous/next marker, +/− speed, Home/End.
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { SESSION_GAP_MS } from '../../../../shared/constants.ts';
import { api } from '../../lib/api.ts';
import { showRoomName } from '../../lib/bridge.ts';
import { fmtCount, fmtDateTime } from '../../lib/format.ts';
import { type Key, type Lang, useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { LiveAlerts } from './live-alerts.tsx';
import { ReplayBar, SPEEDS } from './replay-bar.tsx';
import { enterReplay, ReplayDriver } from './replay-driver.ts';
import type { Report, SessionInfo } from './replay-types.ts';
import { useReplayKeys } from './use-replay-keys.ts';

const TICK_MS = 250;
/** How often a running session's report is fetched again. */
const FOLLOW_MS = 10_000;

/** 2026年12月7日 23:26 · 31 分钟 · 43,816 条事件 (in the screen's language). */
function sessionWords(s: SessionInfo, lang: Lang, t: (k: Key) => string): string {
  const minutes = t('rMinutesLong').replace('{n}', String(Math.round(s.durationSeconds / 60)));
  return `${fmtDateTime(s.start, lang)} · ${minutes} · ${fmtCount(s.events, lang)}${t('eventsUnit')}`;
}

/** `screen`: the big screen the driver fills, handed in by the app (a feature never imports another). */
export function ReplayScreen({
  roomId,
  seat,
  sid,
  screen,
}: {
  roomId: string;
  seat: string;
  sid: string | null;
  screen: ReactNode;
}) {
  const t = useT();
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [loaded, setLoaded] = useState(false);
  const lang = useUiStore((s) => s.lang);
  const [current, setCurrent] = useState<string | null>(sid);
  const [report, setReport] = useState<Report | null>(null);
  const [pos, setPos] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(10);
  const endRef = useRef<number | null>(null);
  useEffect(() => {
    enterReplay();
    void api<{ name: string }>(`/api/rooms/${roomId}`, { seat }).then((r) => showRoomName(r.name));
    void api<SessionInfo[]>(`/api/rooms/${roomId}/sessions`, { seat }).then((list) => {
      setSessions(list);
      setLoaded(true);
      setCurrent((c) => c ?? list[list.length - 1]?.id ?? null);
    });
  }, [roomId, seat]);
  useEffect(() => {
    if (!current) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let first = true;
    // A session still running (the room's latest, with events in the last SESSION_GAP_MS) is fetched again
    // every FOLLOW_MS: new seconds, alerts and cues appear, its end is its real end, and a replay parked at
    // the end follows it live.
    const load = () =>
      api<Report>(`/api/sessions/${current}/report`, { seat }).then((r) => {
        if (stopped) return;
        setReport(r);
        setPos((p) =>
          first || p < r.session.start ? r.session.start : p >= (endRef.current ?? 0) - 2_000 ? r.session.end : p,
        );
        endRef.current = r.session.end;
        first = false;
        if (Date.now() - r.session.end < SESSION_GAP_MS) timer = setTimeout(() => void load(), FOLLOW_MS);
      });
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [current, seat]);
  const driver = useMemo(
    () => (report && current ? new ReplayDriver(current, seat, report) : null),
    [report, current, seat],
  );
  useEffect(() => {
    if (driver) void driver.seek(pos);
  }, [driver, pos]);
  useEffect(() => {
    if (!playing || !report) return;
    const id = setInterval(() => setPos((p) => Math.min(report.session.end, p + TICK_MS * speed)), TICK_MS);
    return () => clearInterval(id);
  }, [playing, speed, report]);
  const step = (dir: -1 | 1) => {
    if (!report) return;
    const ms = report.markers.map((m) => m.ts);
    const next = dir > 0 ? ms.find((m) => m > pos + 500) : [...ms].reverse().find((m) => m < pos - 500);
    if (next !== undefined) setPos(next);
  };
  useReplayKeys({
    togglePlay: () => setPlaying((p) => !p),
    step,
    speed: (d) => setSpeed((s) => SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, SPEEDS.indexOf(s) + d))]!),
    jump: (end) => report && setPos(end ? report.session.end : report.session.start),
  });
  return (
    <div className="replay" data-testid="replay-screen">
      <div className="replay-top">
        <strong>{t('replay')}</strong>
        {loaded && sessions.length === 0 ? (
          <span className="empty" data-testid="no-sessions">
            {t('noSessions')}
          </span>
        ) : (
          <select value={current ?? ''} onChange={(e) => setCurrent(e.target.value)} data-testid="session-picker">
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionWords(s, lang, t)}
              </option>
            ))}
          </select>
        )}
        {current ? (
          <a href={`${screenUrl(roomId, seat)}&report=${encodeURIComponent(current)}`} data-testid="open-report">
            {t('report')}
          </a>
        ) : null}
        <a href={screenUrl(roomId, seat)}>{t('backToLive')}</a>
      </div>
      <LiveAlerts roomId={roomId} seat={seat} />
      {report ? (
        <ReplayBar
          start={report.session.start}
          end={report.session.end}
          t={pos}
          playing={playing}
          speed={speed}
          markers={report.markers}
          productName={(id) => report.products.find((p) => p.id === id)?.name ?? id}
          onSeek={setPos}
          onPlay={setPlaying}
          onSpeed={setSpeed}
          onStep={step}
        />
      ) : null}
      {screen}
    </div>
  );
}
