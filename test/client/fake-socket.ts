// A socket that delivers only what the test emits, so ordering is deterministic.
import type { BridgeSocket } from '../../client/src/lib/bridge.ts';

type Handler = (...args: unknown[]) => void;

export class FakeSocket {
  connected = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: { event: string; payload: unknown; ack?: Handler }[] = [];
  disconnected = false;

  on(event: string, h: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }

  emit(event: string, payload: unknown, ack?: Handler) {
    this.sent.push({ event, payload, ...(ack ? { ack } : {}) });
    return this;
  }

  disconnect() {
    this.disconnected = true;
    return this;
  }

  /** Deliver a server event to the bridge. */
  serve(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }

  asBridgeSocket(): BridgeSocket {
    return this as unknown as BridgeSocket;
  }
}
