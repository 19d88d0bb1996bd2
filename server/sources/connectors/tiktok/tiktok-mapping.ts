// tiktok-live-connector's decoded events → ours. The library hands over the protobuf messages as objects
// (tiktok-live-proto v3 field names; int64s as strings). Likes follow the room's own total once it is known;
// a gift streak is counted once, when it ends.
import type { LiveEvent } from '../../../../shared/events.ts';
import { type Json, nickname, num, obj, str, userId, withOptional } from '../map-helpers.ts';
import { StreakTracker } from './tiktok-streaks.ts';

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

/**
 * The two shapes, told apart per message: v3 objects (the 2.x client: `user` and `common` objects) and the
 * legacy flat shape (1.x, and the 2.x legacy client: userId, nickname, msgId at the top level).
 */
const isLegacy = (m: Json) => !obj(m.user) && (m.userId !== undefined || m.uniqueId !== undefined);

function who(m: Json) {
  const o = isLegacy(m) ? m : obj(m.user);
  return { userId: userId(o?.id ?? o?.userId) ?? userId(o?.secUid), nickname: nickname(o?.nickname) };
}

const msgId = (m: Json) => {
  const id = str(obj(m.common)?.msgId ?? m.msgId, 100);
  return id && id !== '0' ? `tt-${id}` : null;
};

/** repeatEnd arrives as 1/0 (v3), true/false (legacy) or under gift.repeat_end (legacy's raw gift). */
const ended = (v: unknown) => v === true || num(v) === 1;

export class TikTokMapper {
  /** Likes mapped so far: the room's own total once the feed gives it, else the batches seen. */
  private counted = 0;
  private readonly streaks = new StreakTracker();

  map(event: TikTokEventName, payload: unknown, ts: number): TikTokResult {
    const m = obj(payload) ?? {};
    switch (event) {
      case 'chat': {
        const text = str(m.comment ?? m.content);
        return ok(text ? [withOptional({ type: 'comment' as const, ts, text }, { ...who(m), id: msgId(m) })] : []);
      }
      case 'member': {
        const { userId: uid } = who(m);
        return ok(uid ? [{ type: 'viewer_enter', ts, userId: uid }] : []);
      }
      case 'follow': {
        const { userId: uid } = who(m);
        return ok(uid ? [{ type: 'follow', ts, userId: uid }] : []);
      }
      case 'share':
        return ok([withOptional({ type: 'share' as const, ts }, { userId: who(m).userId })]);
      case 'like':
        return ok(this.like(m, ts));
      case 'gift':
        return ok(this.gift(m, ts));
      case 'roomUser': {
        const out: LiveEvent[] = [];
        const online = num(m.viewerCount ?? m.total);
        if (online !== null) out.push({ type: 'online_count', ts, count: Math.round(online) });
        const total = num(m.totalUser);
        if (total !== null && total > 0) out.push({ type: 'viewer_total', ts, count: Math.round(total) });
        return ok(out);
      }
      case 'streamEnd':
        // The streaks still open end with the stream, before its end.
        return { events: [...this.streaks.closeAll(ts), { type: 'session_end', ts }], unknown: false, onAir: false };
      default:
        // oecLiveShopping (TikTok Shop cards) carries no order: counted, not mapped (see docs/CONNECTORS.md).
        return { events: [], unknown: true };
    }
  }

  /** Streaks silent for STREAK_TIMEOUT_MS at `ts` are closed and counted (the source calls this on a timer). */
  expire(ts: number): LiveEvent[] {
    return this.streaks.expire(ts);
  }

  /** `count` is this batch, `total` the room's running total: once a total is seen the card follows it. */
  private like(m: Json, ts: number): LiveEvent[] {
    const count = num(m.likeCount ?? m.count) ?? 0;
    const total = num(m.totalLikeCount ?? m.total);
    const counted = this.counted;
    this.counted = total !== null && total > 0 ? Math.max(counted, Math.round(total)) : counted + Math.round(count);
    const delta = Math.min(this.counted - counted, 1_000_000);
    return delta >= 1 ? [withOptional({ type: 'like' as const, ts, count: delta }, { userId: who(m).userId })] : [];
  }

  private gift(m: Json, ts: number): LiveEvent[] {
    // v3: gift { name, diamondCount, type } or (2.4 README) giftDetails { giftName, diamondCount, giftType };
    // legacy: giftType, diamondCount, giftName at the top level, and the raw gift { gift_type, repeat_end }.
    const g = obj(m.gift) ?? obj(m.giftDetails);
    const type = num(g?.type ?? g?.giftType ?? g?.gift_type ?? m.giftType);
    const diamonds = num(g?.diamondCount ?? g?.diamond_count ?? m.diamondCount) ?? 0;
    const { userId: uid, nickname: nick } = who(m);
    const step = {
      key: `${uid ?? nick ?? '?'}:${str(m.giftId ?? g?.gift_id ?? g?.id, 40) ?? ''}:${str(m.groupId, 40) ?? ''}`,
      repeat: Math.max(1, Math.round(num(m.repeatCount ?? g?.repeat_count) ?? 1)),
      end: ended(m.repeatEnd) || ended(g?.repeat_end),
      valuePerUnit: diamonds * TIKTOK_VALUE_PER_DIAMOND,
      name: str(g?.name ?? g?.giftName ?? m.giftName, 64),
      userId: uid,
      nickname: nick,
      id: msgId(m),
    };
    if (type === STREAKABLE) return this.streaks.step(step, ts);
    // A gift that does not streak is counted at once, with its repeat.
    const value = Math.round(step.valuePerUnit * step.repeat * 100) / 100;
    return [
      withOptional({ type: 'gift' as const, ts, value }, { userId: uid, nickname: nick, name: step.name, id: step.id }),
    ];
  }
}

const ok = (events: LiveEvent[]): TikTokResult => ({ events, unknown: false });
