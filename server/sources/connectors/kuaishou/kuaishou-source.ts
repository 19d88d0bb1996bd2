// A Kuaishou live room over its web live-chat WebSocket. The page's websocket address, token and live stream
// id come from live.kuaishou.com's own API, which needs a logged-in cookie and passes an anti-bot check: they
// are configured (copied from the page, or from a client such as OrdinaryRoad's) rather than fetched here.
// The source enters the room, beats every 20 s, decodes SocketMessages and reconnects through the link.
import { type Static, Type } from '@sinclair/typebox';
import WebSocket from 'ws';
import type { LiveEvent } from '../../../../shared/events.ts';
import type { Clock } from '../../../clock.ts';
import type { OutboundPolicy } from '../../outbound-policy.ts';
import { type LinkConnection, type LinkEvents, RetrySchema } from '../link.ts';
import { LinkedSource } from '../linked-source.ts';
import { decodeSocketMessage, enterRoom, heartbeat } from './kuaishou-codec.ts';
import { mapKuaishou } from './kuaishou-mapping.ts';

export const KUAISHOU_DEFAULT_ADDRESS = 'wss://livejs-ws.kuaishou.cn/websocket';

export const KuaishouConfigSchema = Type.Object(
  {
    kind: Type.Literal('kuaishou'),
    /** The live stream id of the broadcast (not the user's id): from the live page. */
    liveStreamId: Type.String({ minLength: 1, maxLength: 200 }),
    /** The page's websocket token for it. */
    token: Type.String({ minLength: 1, maxLength: 2000 }),
    /** The websocket address; default the platform's. Tests point it at a local server. */
    address: Type.Optional(Type.String({ pattern: '^wss?://', maxLength: 2000 })),
    retry: RetrySchema,
  },
  { additionalProperties: false },
);
export type KuaishouConfig = Static<typeof KuaishouConfigSchema>;

const HEARTBEAT_MS = 20_000;
const MAX_FRAME_BYTES = 1024 * 1024;

export class KuaishouSource extends LinkedSource {
  constructor(
    private readonly config: KuaishouConfig,
    clock: Clock,
    private readonly policy: OutboundPolicy,
  ) {
    super('kuaishou', clock, config.retry);
  }

  protected open(ev: LinkEvents): LinkConnection {
    const url = this.policy.checkUrl(this.config.address ?? KUAISHOU_DEFAULT_ADDRESS, ['ws:', 'wss:']).toString();
    const ws = new WebSocket(url, {
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: 10_000,
      lookup: this.policy.lookup,
    });
    let beat: ReturnType<typeof setInterval> | null = null;
    ws.on('open', () => {
      const pageId = `console_${this.clock.now()}`;
      ws.send(enterRoom(this.config.token, this.config.liveStreamId, pageId));
      beat = setInterval(() => ws.send(heartbeat(this.clock.now())), HEARTBEAT_MS);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) this.onFrame(data as Buffer, ev);
      else this.link.garbage++;
    });
    let refused: string | null = null;
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'address_refused') refused = err.message;
    });
    ws.on('close', (code) => {
      if (beat) clearInterval(beat);
      ev.closed(refused ?? `connection closed (${code})`);
    });
    return {
      close: () => {
        if (beat) clearInterval(beat);
        ws.terminate();
      },
    };
  }

  private onFrame(frame: Buffer, ev: LinkEvents): void {
    const m = decodeSocketMessage(frame);
    if (!m) {
      this.link.garbage++;
      return;
    }
    ev.alive();
    this.link.messages++;
    const r = mapKuaishou(m, this.clock.now());
    if (r.unknown) this.link.unknown++;
    if (r.entered || r.onAir === true) ev.live();
    if (r.onAir === false) ev.offline();
    const events: LiveEvent[] = r.events;
    if (events.length > 0) this.delivery.push(events);
  }
}
