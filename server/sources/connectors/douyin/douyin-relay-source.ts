// Douyin has no public live API: teams run a relay (douyinLive, DouyinBarrageGrab) that decodes the room's
// Webcast messages and re-publishes them as JSON over a local WebSocket. This source connects to it, maps
// either shape, counts what it does not know, and reconnects through the link like every connector.
import { type Static, Type } from '@sinclair/typebox';
import WebSocket from 'ws';
import type { LiveEvent } from '../../../../shared/events.ts';
import type { Clock } from '../../../clock.ts';
import type { OutboundPolicy } from '../../outbound-policy.ts';
import { type LinkConnection, type LinkEvents, RetrySchema } from '../link.ts';
import { LinkedSource } from '../linked-source.ts';
import { parseJsonLongIds } from '../map-helpers.ts';
import { mapRelayFrame } from './douyin-mapping.ts';

export const DouyinRelayConfigSchema = Type.Object(
  {
    kind: Type.Literal('douyin-relay'),
    /** The relay's WebSocket, e.g. ws://127.0.0.1:1088/ws/<roomId> for douyinLive. */
    url: Type.String({ pattern: '^wss?://', maxLength: 2000 }),
    retry: RetrySchema,
  },
  { additionalProperties: false },
);
export type DouyinRelayConfig = Static<typeof DouyinRelayConfigSchema>;

/** A frame larger than this is not a chat message: refused before parsing. */
const MAX_FRAME_BYTES = 1024 * 1024;
const PING_MS = 30_000;

export class DouyinRelaySource extends LinkedSource {
  constructor(
    private readonly config: DouyinRelayConfig,
    clock: Clock,
    private readonly policy: OutboundPolicy,
  ) {
    super('douyin-relay', clock, config.retry);
  }

  protected open(ev: LinkEvents): LinkConnection {
    const url = this.policy.checkUrl(this.config.url, ['ws:', 'wss:']).toString();
    // The policy's lookup checks the resolved address at connect time (DNS rebinding).
    const ws = new WebSocket(url, {
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: 10_000,
      lookup: this.policy.lookup,
    });
    let ping: ReturnType<typeof setInterval> | null = null;
    ws.on('open', () => {
      // The relay is up; whether the room is on air comes with its live_status frames.
      ev.live();
      ping = setInterval(() => ws.ping(), PING_MS);
    });
    ws.on('pong', () => ev.alive());
    ws.on('message', (data, isBinary) => this.onFrame(isBinary ? null : data.toString(), ev));
    let refused: string | null = null;
    ws.on('error', (err: Error & { code?: string }) => {
      // Only the policy's own words are shown: nothing the far end sent is quoted.
      if (err.code === 'address_refused') refused = err.message;
    });
    ws.on('close', (code) => {
      if (ping) clearInterval(ping);
      ev.closed(refused ?? `relay closed (${code})`);
    });
    return {
      close: () => {
        if (ping) clearInterval(ping);
        ws.terminate();
      },
    };
  }

  private onFrame(text: string | null, ev: LinkEvents): void {
    ev.alive();
    if (text === 'pong') return;
    let frame: unknown;
    try {
      frame = text === null ? undefined : parseJsonLongIds(text);
    } catch {
      frame = undefined;
    }
    if (frame === undefined) {
      this.link.garbage++;
      return;
    }
    // DouyinBarrageGrab may batch; douyinLive sends one object per frame.
    const frames = Array.isArray(frame) ? frame : [frame];
    const events: LiveEvent[] = [];
    for (const f of frames) {
      this.link.messages++;
      const r = mapRelayFrame(f, this.clock.now());
      if (r.unknown) this.link.unknown++;
      if (r.anonymous) this.link.masked = true;
      if (r.onAir === false) ev.offline();
      if (r.onAir === true) ev.live();
      events.push(...r.events);
    }
    if (events.length > 0) this.delivery.push(events);
  }
}
