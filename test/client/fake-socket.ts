// A socket that delivers only what the test serves, so ordering is deterministic; what the bridge emits is
// recorded with its ack, and the test answers (or never answers) it.
import type { BridgeSocket } from '../../client/src/lib/bridge.ts';

type Handler = (...args: unknown[]) => void;

export class FakeSocket {
  connected = true;
  active = true;
  disconnected = false;
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: { event: string; payload: unknown; ack?: Handler }[] = [];

  on(event: string, h: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }

  off(event: string, h: Handler) {
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((x) => x !== h),
    );
    return this;
  }

  emit(event: string, payload: unknown, ack?: Handler) {
    this.sent.push({ event, payload, ...(ack ? { ack } : {}) });
    return this;
  }

  /** Commands (lib/commands.ts) go out as `timeout(ms).emitWithAck(name, payload)`: recorded like `emit`, and
   * the promise settles when the test calls the recorded `ack` with the server's answer. */
  timeout(_ms: number) {
    return {
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((resolve) => {
          this.emit(event, payload, resolve);
        }),
    };
  }

  /** How often the bridge asked to connect again (its own reconnect loop). */
  connects = 0;
  connect() {
    this.connects++;
    this.active = true;
    return this;
  }

  disconnect() {
    this.disconnected = true;
    this.connected = false;
    this.active = false;
    return this;
  }

  /** Deliver a server event to the bridge. */
  serve(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }

  /** The emitted requests of one event name, oldest first. */
  requests(event: string) {
    return this.sent.filter((s) => s.event === event);
  }

  listenerCount(): number {
    return [...this.handlers.values()].reduce((n, hs) => n + hs.length, 0);
  }

  asBridgeSocket(): BridgeSocket {
    return this as unknown as BridgeSocket;
  }
}
