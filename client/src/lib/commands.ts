// Commands go out through the one socket and come back as acks; their effects arrive as events through the
// bridge like everyone else's, so every screen of the room stays in step.
import type { Ack, ClientToServerEvents } from '../../../shared/protocol.ts';
import type { LiveSocket } from './socket.ts';

let current: LiveSocket | null = null;

export function setCommandSocket(socket: LiveSocket | null): void {
  current = socket;
}

type Payload<K extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[K]>[0];

export async function send<K extends keyof ClientToServerEvents>(name: K, payload: Payload<K>): Promise<Ack<unknown>> {
  if (!current?.connected) return { ok: false, error: { code: 'offline', message: 'not connected to the server' } };
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the catalogue types each command; this is the one generic sender
    return (await (current as any).timeout(5000).emitWithAck(name, payload)) as Ack<unknown>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: 'the server did not answer in 5 s' } };
  }
}
