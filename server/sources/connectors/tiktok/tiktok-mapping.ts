// tiktok-live-connector's decoded events → ours. The library hands over the protobuf messages as objects
// (tiktok-live-proto v3 field names; int64s as strings). Likes follow the room's own total once it is known;
// a gift streak is counted once, when it ends.
import type { LiveEvent } from '../../../../shared/events.ts';
import { type Json, nickname, num, obj, str, userId, withOptional } from '../map-helpers.ts';

/** What one diamond is counted as on the gift card (a coin sells for about one US cent). */
export const TIKTOK_VALUE_PER_DIAMOND = 0.01;
/** tiktok-proto Gift.type 1: a streakable gift, re-sent during the streak. */
const STREAKABLE = 1;

export interface TikTokResult {
  events: LiveEvent[];
  unknown: boolean;
  onAir?: boolean;
}

/** The events the source subscribes to; everything else the library emits is not wired at all. */
export const TIKTOK_EVENTS = [
  'chat',
  'member',
  'like',
  'follow',
  'share',
  'gift',
  'roomUser',
  'streamEnd',
  'oecLiveShopping',
] as const;
export type TikTokEventName = (typeof TIKTOK_EVENTS)[number];

function who(u: unknown) {
  const o = obj(u);
  return { userId: userId(o?.id ?? o?.userId) ?? userId(o?.secUid), nickname: nickname(o?.nickname) };
}

const msgId = (m: Json) => {
  const id = str(obj(m.common)?.msgId, 100);
  return id && id !== '0' ? `tt-${id}` : null;
};

export class TikTokMapper {
  /** Likes mapped so far: the room's own total once the feed gives it, else the batches seen. */
  private counted = 0;

  map(event: TikTokEventName, payload: unknown, ts: number): TikTokResult {
    const m = obj(payload) ?? {};
    switch (event) {
      case 'chat': {
        const text = str(m.comment ?? m.content);
        return ok(text ? [withOptional({ type: 'comment' as const, ts, text }, { ...who(m.user), id: msgId(m) })] : []);
      }
      case 'member': {
        const { userId: uid } = who(m.user);
        return ok(uid ? [{ type: 'viewer_enter', ts, userId: uid }] : []);
      }
      case 'follow': {
        const { userId: uid } = who(m.user);
        return ok(uid ? [{ type: 'follow', ts, userId: uid }] : []);
      }
      case 'share':
        return ok([withOptional({ type: 'share' as const, ts }, { userId: who(m.user).userId })]);
      case 'like':
        return ok(this.like(m, ts));
      case 'gift':
        return ok(gift(m, ts));
      case 'roomUser': {
        const out: LiveEvent[] = [];
        const online = num(m.viewerCount ?? m.total);
        if (online !== null) out.push({ type: 'online_count', ts, count: Math.round(online) });
        const total = num(m.totalUser);
        if (total !== null && total > 0) out.push({ type: 'viewer_total', ts, count: Math.round(total) });
        return ok(out);
      }
      case 'streamEnd':
        return { events: [{ type: 'session_end', ts }], unknown: false, onAir: false };
      default:
        // oecLiveShopping (TikTok Shop cards) carries no order: counted, not mapped (see docs/CONNECTORS.md).
        return { events: [], unknown: true };
    }
  }

  /** `count` is this batch, `total` the room's running total: once a total is seen the card follows it. */
  private like(m: Json, ts: number): LiveEvent[] {
    const count = num(m.likeCount ?? m.count) ?? 0;
    const total = num(m.totalLikeCount ?? m.total);
    const counted = this.counted;
    this.counted = total !== null && total > 0 ? Math.max(counted, Math.round(total)) : counted + Math.round(count);
    const delta = Math.min(this.counted - counted, 1_000_000);
    return delta >= 1
      ? [withOptional({ type: 'like' as const, ts, count: delta }, { userId: who(m.user).userId })]
      : [];
  }
}

function gift(m: Json, ts: number): LiveEvent[] {
  const g = obj(m.gift) ?? obj(m.giftDetails);
  const streakable = num(g?.type ?? m.giftType) === STREAKABLE;
  if (streakable && num(m.repeatEnd) !== 1) return []; // still streaking: the end message has the total
  const diamonds = num(g?.diamondCount ?? m.diamondCount) ?? 0;
  const repeat = Math.max(1, num(m.repeatCount) ?? 1);
  const value = Math.round(diamonds * repeat * TIKTOK_VALUE_PER_DIAMOND * 100) / 100;
  return [
    withOptional(
      { type: 'gift' as const, ts, value },
      { ...who(m.user), name: str(g?.name ?? m.giftName, 64), id: msgId(m) },
    ),
  ];
}

const ok = (events: LiveEvent[]): TikTokResult => ({ events, unknown: false });
