// Douyin live messages as the open-source relays re-publish them → our events. Two shapes are accepted:
// douyinLive's (the decoded Webcast*Message as JSON, keyed by `method`, plus `type: "system"` live_status
// frames) and DouyinBarrageGrab's `{ Type, Data }` envelope (Data a JSON string). Protobuf int64s arrive as
// strings and field names in camelCase or as the relay spells them; both are read.
import type { LiveEvent } from '../../../../shared/events.ts';
import { displayCount, type Json, num, obj, str, withOptional } from '../map-helpers.ts';
import { counters, marked, msgId, none, ok, type RelayResult, user, YUAN_PER_DIAMOND } from './douyin-common.ts';
import { mapGrab } from './douyin-grab.ts';

export type { RelayResult };

export function mapRelayFrame(frame: unknown, ts: number): RelayResult {
  const m = obj(frame);
  if (!m) return none(true);
  if (typeof m.method === 'string') return mapWebcast(m.method, m, ts);
  if (m.type === 'system') return mapSystem(m, ts);
  // DouyinBarrageGrab: Type a number or a numeric string, Data a JSON string or already an object.
  const grabType = num(m.Type);
  if (grabType !== null && (typeof m.Data === 'string' || obj(m.Data))) return mapGrab(grabType, m.Data, ts);
  return none(true);
}

// --- douyinLive: the Webcast messages themselves -------------------------------------------------------------

type Webcast = (m: Json, ts: number) => LiveEvent[];

function chat(m: Json, ts: number): LiveEvent[] {
  const text = str(m.content);
  return text
    ? [withOptional({ type: 'comment' as const, ts, text }, { ...user(m.user), id: msgId(obj(m.common)?.msgId) })]
    : [];
}

const WEBCAST: Record<string, Webcast> = {
  WebcastChatMessage: chat,
  /** 弹幕 shown on screen (a paid or highlighted chat line): a comment like any other. */
  WebcastScreenChatMessage: chat,
  /** An entry; an anonymous viewer's counts as an entry without a viewer. */
  WebcastMemberMessage: (m, ts) => [
    withOptional({ type: 'viewer_enter' as const, ts }, { userId: user(m.user).userId }),
  ],
  WebcastLikeMessage: (m, ts) => {
    const count = num(m.count);
    return count && count >= 1
      ? [
          withOptional(
            { type: 'like' as const, ts, count: Math.min(Math.round(count), 1_000_000) },
            { userId: user(m.user).userId },
          ),
        ]
      : [];
  },
  WebcastGiftMessage: (m, ts) => webcastGift(m, ts),
  /** action 1 follow, 3 share. */
  WebcastSocialMessage: (m, ts) => {
    const { userId: uid } = user(m.user);
    const action = num(m.action);
    if (action === 1 && uid) return [{ type: 'follow', ts, userId: uid }];
    if (action === 3) return [withOptional({ type: 'share' as const, ts }, { userId: uid })];
    return [];
  },
  /** The room's counters: online now (total) and viewers so far (totalUser, else the shown 累计 figure). */
  WebcastRoomUserSeqMessage: (m, ts) =>
    counters(
      num(m.total),
      num(m.totalUser ?? m.total_user) ?? displayCount(m.totalPvForAnchor ?? m.total_pv_for_anchor),
      ts,
    ),
  WebcastRoomStatsMessage: (m, ts) => roomStats(m, ts),
};

/**
 * The room's figure as the platform displays it (the message that replaced RoomUserSeq in today's rooms). Its
 * label says which figure it is: "…在线…" online now, "…看过…" / "…观看…" / 场观 viewers so far. The figure
 * is displayValue (exact) when given, else the displayed text ("1.2万"). An unlabelled one is not guessed at.
 */
function roomStats(m: Json, ts: number): LiveEvent[] {
  const shown = [m.displayLong, m.displayMiddle, m.displayShort, m.display_long, m.display_middle]
    .map((v) => (typeof v === 'string' ? v : ''))
    .join(' ');
  const value =
    num(m.displayValue ?? m.display_value) ??
    displayCount(m.displayMiddle ?? m.display_middle ?? m.displayShort ?? m.displayLong ?? m.display_long) ??
    num(m.total);
  if (value === null) return [];
  if (/在线/.test(shown)) return counters(value, null, ts);
  if (/看过|观看|场观/.test(shown)) return counters(null, value, ts);
  return [];
}

function webcastGift(m: Json, ts: number): LiveEvent[] {
  const gift = obj(m.gift);
  const diamonds = num(gift?.diamondCount ?? gift?.diamond_count) ?? 0;
  const combo = gift?.combo === true;
  // A combo is sent again at every step with the running count; it is counted once, at its end.
  if (combo && num(m.repeatEnd) !== 1) return [];
  const n = Math.max(1, num(m.repeatCount) ?? 1) * Math.max(1, num(m.groupCount) ?? 1);
  return [
    withOptional(
      { type: 'gift' as const, ts, value: Math.round(diamonds * n * YUAN_PER_DIAMOND * 100) / 100 },
      { ...user(m.user), name: str(gift?.name, 64), id: msgId(obj(m.common)?.msgId) },
    ),
  ];
}

function mapWebcast(method: string, m: Json, ts: number): RelayResult {
  return marked(mapWebcastOnce(method, m, ts), m.user);
}

function mapWebcastOnce(method: string, m: Json, ts: number): RelayResult {
  if (method === 'WebcastControlMessage') {
    // status (or action) 3: the stream ended
    const ended = num(m.status) === 3 || num(m.action) === 3;
    return ended ? { events: [{ type: 'session_end', ts }], unknown: false, onAir: false } : ok([]);
  }
  const handler = WEBCAST[method];
  return handler ? ok(handler(m, ts)) : none(true);
}

/** douyinLive's live_status: ended → the session ends; live true/false → on or off air. */
function mapSystem(m: Json, ts: number): RelayResult {
  if (m.event !== 'live_status') return ok([]);
  if (m.ended === true || m.code === 'ROOM_ENDED')
    return { events: [{ type: 'session_end', ts }], unknown: false, onAir: false };
  if (m.live === true) return { events: [], unknown: false, onAir: true };
  if (m.live === false) return { events: [], unknown: false, onAir: false };
  return ok([]);
}
