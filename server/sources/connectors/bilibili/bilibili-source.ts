// A Bilibili live room through the `bilibili-live-ws` client: it opens the WebSocket and sends the auth
// packet (room id, protover 3 = brotli bodies, optional key/uid/buvid). Frames are decoded by our own bounded
// decoder (packet.ts) instead of the library's, which loops forever on a zero length and rejects unhandled on
// a short frame; reconnects are the link's (link.ts), so every connector backs off and reports alike.
import http from 'node:http';
import https from 'node:https';
import { type Static, Type } from '@sinclair/typebox';
import { getConf, LiveWS } from 'bilibili-live-ws';
import type { LiveEvent } from '../../../../shared/events.ts';
import type { Clock } from '../../../clock.ts';
import type { OutboundPolicy } from '../../outbound-policy.ts';
import { type LinkConnection, type LinkEvents, RetrySchema } from '../link.ts';
import { LinkedSource } from '../linked-source.ts';
import { BilibiliMapper } from './bilibili-mapping.ts';
import { decodeFrame, OP } from './packet.ts';

export const BilibiliConfigSchema = Type.Object(
  {
    kind: Type.Literal('bilibili'),
    /** The long room id (the number in https://live.bilibili.com/<id>). */
    roomId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    /** The danmaku server; default the platform's. Tests point it at a local server. */
    address: Type.Optional(Type.String({ pattern: '^wss?://', maxLength: 2000 })),
    /** The auth token from getDanmuInfo; without it the platform masks viewers' ids and names. */
    key: Type.Optional(Type.String({ maxLength: 2000 })),
    uid: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    buvid: Type.Optional(Type.String({ maxLength: 200 })),
    retry: RetrySchema,
  },
  { additionalProperties: false },
);
export type BilibiliConfig = Static<typeof BilibiliConfigSchema>;

export const BILIBILI_DEFAULT_ADDRESS = 'wss://broadcastlv.chat.bilibili.com/sub';
/** The platform expects a heartbeat every 30 s and drops a silent client after about a minute. */
const HEARTBEAT_MS = 30_000;
const SILENCE_LIMIT_MS = 70_000;

export class BilibiliSource extends LinkedSource {
  private readonly mapper = new BilibiliMapper();

  constructor(
    private readonly config: BilibiliConfig,
    clock: Clock,
    private readonly policy: OutboundPolicy,
  ) {
    super('bilibili', clock, config.retry);
  }

  /**
   * Without an address or a key, the room's danmaku server and auth token are asked of the platform first
   * (the library's getConf, i.e. getDanmuInfo); if that fails, the default server without a token (viewers
   * then arrive masked). With either given, exactly what was configured.
   */
  protected open(ev: LinkEvents): LinkConnection {
    if (this.config.address || this.config.key)
      return this.connect(ev, this.config.address ?? BILIBILI_DEFAULT_ADDRESS, this.config.key);
    let closed = false;
    let inner: LinkConnection | null = null;
    const go = (address: string, key?: string) => {
      if (closed) return;
      try {
        inner = this.connect(ev, address, key);
      } catch (err) {
        ev.closed((err as Error).message);
      }
    };
    getConf(this.config.roomId).then(
      (conf) => go(conf.address, conf.key),
      () => go(BILIBILI_DEFAULT_ADDRESS),
    );
    return {
      close: () => {
        closed = true;
        inner?.close();
      },
    };
  }

  private connect(ev: LinkEvents, configured: string, key: string | undefined): LinkConnection {
    const address = this.policy.checkUrl(configured, ['ws:', 'wss:']).toString();
    const { uid, buvid } = this.config;
    // The library passes only `agent` on to ws: the agent carries the policy's lookup, so the address the
    // name resolves to is checked when dialled (DNS rebinding), not only when the source was set.
    const agent = new (address.startsWith('wss:') ? https.Agent : http.Agent)({
      lookup: this.policy.lookup,
    } as http.AgentOptions);
    const live = new LiveWS(this.config.roomId, {
      address,
      agent,
      protover: 3,
      uid: uid ?? 0,
      ...(key ? { key } : {}),
      ...(buvid ? { buvid } : {}),
    });
    let heartbeat: ReturnType<typeof setInterval> | null = null;
    let silence: ReturnType<typeof setTimeout> | null = null;
    const quiet = () => {
      if (silence) clearTimeout(silence);
      silence = setTimeout(() => ev.closed('no data for 70 s'), SILENCE_LIMIT_MS);
    };
    const end = () => {
      if (heartbeat) clearInterval(heartbeat);
      if (silence) clearTimeout(silence);
    };
    live.removeAllListeners('message');
    live.on('message', (frame: Buffer) => {
      quiet();
      this.onFrame(frame, ev, () => {
        live.heartbeat();
        heartbeat ??= setInterval(() => live.heartbeat(), HEARTBEAT_MS);
      });
    });
    live.on('error', () => {}); // a close follows every error
    live.on('close', () => {
      end();
      ev.closed('connection closed');
    });
    quiet();
    return {
      close: () => {
        end();
        live.close();
      },
    };
  }

  private onFrame(frame: Buffer, ev: LinkEvents, authorised: () => void): void {
    const { packets, garbage } = decodeFrame(frame);
    this.link.garbage += garbage.length;
    const now = this.clock.now();
    const events: LiveEvent[] = [];
    for (const p of packets) {
      if (p.op === OP.authReply) {
        if (p.code === 0) {
          ev.live();
          authorised();
        } else ev.authFailed(`the platform refused the auth packet (code ${p.code})`);
        continue;
      }
      ev.alive();
      if (p.op !== OP.message) continue;
      this.link.messages++;
      const r = this.mapper.map(p.body, now);
      if (r.unknown) this.link.unknown++;
      if (r.bad) this.link.garbage++;
      if (r.onAir === false) ev.offline(r.reason);
      if (r.onAir === true) ev.live();
      events.push(...r.events);
    }
    this.link.masked = this.mapper.masked;
    if (events.length > 0) this.delivery.push(events);
  }
}
