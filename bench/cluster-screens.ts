// Child process of the cluster scaling benchmark: screens of many rooms, each a real socket.io client of /live
// on one of the instances (spread round robin), keeping the room state as the client bridge does. At the end
// of a step the parent sends each room's acknowledged batches; this process answers the latency over every
// screen × every batch of every room (ack → that screen's first update covering the batch), merged.
import { io, type Socket } from 'socket.io-client';
import { applyPatch, type PatchOp } from '../shared/patch.ts';
import type { RoomState } from '../shared/state.ts';
import { reply, serveCommands, wallMs } from './child.ts';
import { type LatencySummary, latencyOverScreens, mergeLatency } from './latency.ts';

interface Screen {
  comments: number;
  seenComments: number[];
  seenAt: number[];
  gaps: number;
}

interface RoomScreens {
  screens: Screen[];
  /** Comment total when the step's pushing began (the first screen's). */
  base: number;
}

const rooms = new Map<string, RoomScreens>();
const sockets: Socket[] = [];
let counting = false;

function open(url: string, roomId: string, token: string): Promise<void> {
  const room = rooms.get(roomId) ?? { screens: [], base: 0 };
  rooms.set(roomId, room);
  const screen: Screen = { comments: -1, seenComments: [], seenAt: [], gaps: 0 };
  room.screens.push(screen);
  const s = io(`${url}/live`, { auth: { token, roomId }, transports: ['websocket'], forceNew: true });
  sockets.push(s);
  let state: RoomState | null = null;
  const seen = (comments: number) => {
    if (counting && comments > screen.comments) {
      screen.seenComments.push(comments);
      screen.seenAt.push(wallMs());
    }
    screen.comments = Math.max(screen.comments, comments);
  };
  s.on('room:patch', (m: { seq: number; ops: PatchOp[] }) => {
    if (state === null) return; // resyncing
    if (m.seq !== state.seq + 1) {
      // A real screen resyncs: ask for a snapshot, as the client bridge does.
      screen.gaps++;
      state = null;
      s.emit('room:resync', {}, (res: { ok: boolean; data?: { state: RoomState } }) => {
        if (res.ok && res.data) state = res.data.state;
      });
      return;
    }
    state = applyPatch(state, m.ops, { seq: m.seq });
    seen(state.comments);
  });
  return new Promise((resolve) =>
    s.on('room:snapshot', (m: { state: RoomState }) => {
      state = m.state;
      seen(state.comments);
      resolve();
    }),
  );
}

serveCommands(async (cmd) => {
  if (cmd.cmd === 'open') {
    const list = cmd.screens as { url: string; roomId: string; token: string }[];
    await Promise.all(list.map((x) => open(x.url, x.roomId, x.token)));
    return { opened: list.length };
  }
  if (cmd.cmd === 'start') {
    for (const r of rooms.values()) {
      r.base = r.screens[0]!.comments;
      for (const s of r.screens) [s.seenComments, s.seenAt, s.gaps] = [[], [], 0];
    }
    counting = true;
    return { started: true };
  }
  if (cmd.cmd === 'stop') {
    counting = false;
    const acks = cmd.acks as Record<string, number[]>;
    const batch = cmd.batch as number;
    const parts: LatencySummary[] = [];
    let gaps = 0;
    for (const [roomId, a] of Object.entries(acks)) {
      const room = rooms.get(roomId);
      if (!room || a.length === 0) continue;
      const thresholds = a.map((_, i) => room.base + (i + 1) * batch);
      parts.push(latencyOverScreens(room.screens, a, thresholds));
      gaps += room.screens.reduce((n, s) => n + s.gaps, 0);
    }
    return { latency: parts.length ? mergeLatency(parts) : null, gaps };
  }
  if (cmd.cmd === 'quit') {
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 100);
    return { quit: true };
  }
  return undefined;
});
reply({ ready: true });
