// A screen that heals itself the way the browser's bridge (client/src/lib/bridge.ts) does: a patch that does
// not follow the held seq, or silence for STALE_AFTER_TICKS tick intervals, asks the server for a resync; a
// snapshot (pushed or answered) replaces what it holds. The cluster suites need this: across a Redis restart
// or an owner's death, broadcasts are lost by design and screens are expected to resync on their own.
import { io } from 'socket.io-client';
import { applyPatch } from '../../shared/patch.ts';
import { LIVE_NAMESPACE, type SnapshotMessage } from '../../shared/protocol.ts';
import type { RoomState } from '../../shared/state.ts';
import type { LiveSocket } from './live-client.ts';

/** As client/src/lib/bridge.ts (not imported: it pulls the browser's stores in). */
const STALE_AFTER_TICKS = 3;

export class ResyncingScreen {
  readonly socket: LiveSocket;
  state: RoomState | null = null;
  resyncs = 0;
  private lastHeard = performance.now();
  private asking = false;
  private tickMs = 100;
  private readonly watchdog: NodeJS.Timeout;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly url: string,
    readonly roomId: string,
    token: string,
  ) {
    this.socket = io(`${url}${LIVE_NAMESPACE}`, {
      auth: { token, roomId },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    this.socket.on('room:snapshot', (m) => this.take(m));
    this.socket.on('room:patch', (m) => {
      this.lastHeard = performance.now();
      if (this.state === null) return;
      if (m.seq !== this.state.seq + 1) return this.resync();
      try {
        this.set(applyPatch(this.state, m.ops, { seq: m.seq }));
      } catch {
        this.resync();
      }
    });
    this.socket.on('room:rebuilding', () => {
      this.lastHeard = performance.now();
    });
    // The bridge's watchdog: a screen that hears nothing for a few ticks asks again.
    this.watchdog = setInterval(() => {
      if (performance.now() - this.lastHeard > STALE_AFTER_TICKS * this.tickMs) this.resync();
    }, 250);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  private take(m: SnapshotMessage): void {
    this.lastHeard = performance.now();
    this.tickMs = m.tickIntervalMs;
    this.set(m.state);
  }

  private set(state: RoomState): void {
    this.state = state;
    for (const w of [...this.waiters]) w();
  }

  private resync(): void {
    if (this.asking || !this.socket.connected) return;
    this.asking = true;
    this.resyncs++;
    this.socket.timeout(5_000).emit('room:resync', {}, (err: unknown, res: { ok: boolean; data?: SnapshotMessage }) => {
      this.asking = false;
      this.lastHeard = performance.now();
      if (!err && res?.ok && res.data) this.take(res.data);
    });
  }

  /** Resolves once the held state satisfies `pred` (checked at every state the screen comes to hold). */
  until(pred: (s: RoomState) => boolean, timeoutMs: number): Promise<RoomState> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.state && pred(this.state)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(this.state);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`screen on ${this.url} for ${this.roomId}: held ${JSON.stringify(this.state?.likes)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    clearInterval(this.watchdog);
    this.socket.disconnect();
  }
}
