// Douyin live messages as the open-source relays re-publish them → our events. Two shapes are accepted:
// douyinLive's (the decoded Webcast*Message as JSON, keyed by `method`, plus `type: "system"` live_status
// frames) and DouyinBarrageGrab's `{ Type, Data }` envelope (Data a JSON string). Protobuf int64s arrive as
// strings and field names in camelCase or as the relay spells them; both are read.
import type { LiveEvent } from '../../../../shared/events.ts';
import {
  displayCount,
  type Json,
  MASKED_NAME,
  nickname,
  num,
  obj,
  parseJsonLongIds,
  str,
  userId,
  withOptional,
} from '../map-helpers.ts';

/** 1 抖币 (diamond) = 0.1 yuan. */
const YUAN_PER_DIAMOND = 0.1;

export interface RelayResult {
  events: LiveEvent[];
  unknown: boolean;
  /** The relay says the room is (not) on air. */
  onAir?: boolean;
  /** The message named an anonymous viewer (placeholder id, masked name): the source says the feed is masked. */
  anonymous?: boolean;
}

const none = (unknown = false): RelayResult => ({ events: [], unknown });
const ok = (events: LiveEvent[]): RelayResult => ({ events, unknown: false });

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

/** Douyin's placeholder for an anonymous viewer: every one of them arrives as user 111111 (or 0, or empty). */
const PLACEHOLDER_IDS = new Set(['111111']);

function read(u: unknown) {
  const o = obj(u);
  const name = nickname(o?.nickName ?? o?.nickname ?? o?.Nickname);
  // The first id present: the numeric id (long ids are read as strings, see parseJsonLongIds), else secUid.
  const ids = [o?.idStr, o?.id, o?.Id, o?.secUid, o?.SecUid].map(userId).filter((v) => v !== null);
  const real = ids.filter((v) => !PLACEHOLDER_IDS.has(v));
  // Placeholder ids and masked names are anonymous: never one viewer for all of them.
  const anonymous = (o !== null && real.length === 0) || (name !== null && MASKED_NAME.test(name));
  return { userId: anonymous ? null : (real[0] ?? null), nickname: name, anonymous };
}

function user(u: unknown): { userId: string | null; nickname: string | null } {
  const { userId: id, nickname: name } = read(u);
  return { userId: id, nickname: name };
}

/** The frame's result, saying when its viewer was anonymous (the source then says the feed is masked). */
const marked = (r: RelayResult, u: unknown): RelayResult => (read(u).anonymous ? { ...r, anonymous: true } : r);

const msgId = (v: unknown) => {
  const id = typeof v === 'number' ? String(v) : str(v, 100);
  return id && id !== '0' ? `dy-${id}` : null;
};

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

function counters(online: number | null, total: number | null, ts: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  if (online !== null) out.push({ type: 'online_count', ts, count: Math.round(online) });
  if (total !== null) out.push({ type: 'viewer_total', ts, count: Math.round(total) });
  return out;
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

// --- DouyinBarrageGrab: { Type, Data } ---------------------------------------------------------------------------

function mapGrab(type: number, data: unknown, ts: number): RelayResult {
  let d: Json | null;
  try {
    d = typeof data === 'string' ? obj(parseJsonLongIds(data)) : obj(data);
  } catch {
    d = null;
  }
  if (!d) return none(true);
  return marked(mapGrabData(type, d, ts), d.User);
}

function mapGrabData(type: number, d: Json, ts: number): RelayResult {
  const u = user(d.User);
  const id = msgId(d.MsgId);
  switch (type) {
    case 1: {
      const text = str(d.Content);
      return ok(text ? [withOptional({ type: 'comment' as const, ts, text }, { ...u, id })] : []);
    }
    case 2: {
      const count = num(d.Count);
      return ok(
        count && count >= 1
          ? [withOptional({ type: 'like' as const, ts, count: Math.round(count) }, { userId: u.userId })]
          : [],
      );
    }
    case 3:
      return ok([withOptional({ type: 'viewer_enter' as const, ts }, { userId: u.userId })]);
    case 4:
      return ok(u.userId ? [{ type: 'follow', ts, userId: u.userId }] : []);
    case 5: {
      // GiftCount is this message's increment of a combo: each message adds its own part.
      const value = (num(d.DiamondCount) ?? 0) * (num(d.GiftCount) ?? 1) * YUAN_PER_DIAMOND;
      return ok([
        withOptional(
          { type: 'gift' as const, ts, value: Math.round(value * 100) / 100 },
          { ...u, name: str(d.GiftName, 64), id },
        ),
      ]);
    }
    case 6:
      return ok(counters(num(d.OnlineUserCount), num(d.TotalUserCount), ts));
    case 8:
      return ok([withOptional({ type: 'share' as const, ts }, { userId: u.userId })]);
    case 9:
      return { events: [{ type: 'session_end', ts }], unknown: false, onAir: false };
    default:
      return none(true); // 7 粉丝团 and anything newer
  }
}
