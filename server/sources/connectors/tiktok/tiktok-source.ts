// TikTok LIVE through tiktok-live-connector. Its connection needs the internet and a signing service, which
// tests cannot reach: this file is kept thin (connect, subscribe, hand payloads to the mapping, report to the
// link); the mapping is tested on recorded payloads (test/fixtures/connectors/tiktok-events.json).
import { type Static, Type } from '@sinclair/typebox';
import type { TikTokLiveConnection } from 'tiktok-live-connector';
import type { Clock } from '../../../clock.ts';
import { type LinkConnection, type LinkEvents, RetrySchema } from '../link.ts';
import { LinkedSource } from '../linked-source.ts';
import { TIKTOK_EVENTS, TikTokMapper } from './tiktok-mapping.ts';

/** How often open gift streaks are checked for their timeout (tiktok-streaks.ts). */
const STREAK_SWEEP_MS = 2000;

export const TikTokConfigSchema = Type.Object(
  {
    kind: Type.Literal('tiktok'),
    /** The creator's @handle (with or without the @). */
    uniqueId: Type.String({ pattern: '^@?[A-Za-z0-9._]{1,64}$' }),
    /** An API key for the library's signing service (Euler Stream), when the team has one. */
    signApiKey: Type.Optional(Type.String({ maxLength: 500 })),
    retry: RetrySchema,
  },
  { additionalProperties: false },
);
export type TikTokConfig = Static<typeof TikTokConfigSchema>;

export class TikTokSource extends LinkedSource {
  private readonly mapper = new TikTokMapper();

  constructor(
    private readonly config: TikTokConfig,
    clock: Clock,
  ) {
    super('tiktok', clock, config.retry);
  }

  protected open(ev: LinkEvents): LinkConnection {
    let closed = false;
    let conn: TikTokLiveConnection | null = null;
    // A streak whose end never arrives is closed by event time; this timer lets that happen in a quiet room.
    const sweep = setInterval(() => {
      const events = this.mapper.expire(this.clock.now());
      if (events.length > 0) this.delivery.push(events);
    }, STREAK_SWEEP_MS);
    // Loaded when first used: the library takes most of a second to import, which no other room should pay.
    import('tiktok-live-connector').then(
      (lib) => {
        if (closed) return;
        conn = this.connect(lib, ev);
      },
      () => ev.closed('tiktok-live-connector could not be loaded'),
    );
    return {
      close: () => {
        closed = true;
        clearInterval(sweep);
        void conn?.disconnect().catch(() => {});
      },
    };
  }

  private connect(lib: typeof import('tiktok-live-connector'), ev: LinkEvents): TikTokLiveConnection {
    const conn = new lib.TikTokLiveConnection(this.config.uniqueId.replace(/^@/, ''), {
      processInitialData: false,
      ...(this.config.signApiKey ? { signApiKey: this.config.signApiKey } : {}),
    });
    for (const name of TIKTOK_EVENTS) {
      // biome-ignore lint/suspicious/noExplicitAny: the library types each event's payload separately
      (conn as any).on(name, (payload: unknown) => this.onEvent(name, payload, ev));
    }
    conn.on(lib.ControlEvent.ERROR, () => {}); // a disconnect follows
    conn.on(lib.ControlEvent.DISCONNECTED, () => ev.closed('disconnected from TikTok'));
    conn.connect().then(
      () => ev.live(),
      (err: Error) => {
        // The library names a creator who is not live with UserOfflineError.
        if (err instanceof lib.UserOfflineError) ev.offline();
        ev.closed(`could not connect: ${err?.constructor?.name ?? 'error'}`);
      },
    );
    return conn;
  }

  private onEvent(name: (typeof TIKTOK_EVENTS)[number], payload: unknown, ev: LinkEvents): void {
    ev.alive();
    this.link.messages++;
    const r = this.mapper.map(name, payload, this.clock.now());
    if (r.unknown) this.link.unknown++;
    if (r.onAir === false) ev.offline();
    if (r.events.length > 0) this.delivery.push(r.events);
  }
}
