// Bilibili live messages (the JSON bodies of operation 5) → our events. Event time is the receive time: the
// platform's own stamps mix seconds and milliseconds and drift from our clock, and windows need one clock.
// The platform's counters win over the feed's samples: online from ONLINE_RANK_COUNT, likes from
// LIKE_INFO_V3_UPDATE once it has been seen, cumulative viewers from WATCHED_CHANGE.
import type { LiveEvent } from '../../../../shared/events.ts';
import { arr, nickname, num, obj, str, userId, withOptional } from '../map-helpers.ts';
import { interactWordV2, sendGiftV2 } from './bilibili-pb.ts';

/** 1000 金瓜子 (gold) = 1 yuan; silver gifts are free. */
const GOLD_PER_YUAN = 1000;

export interface MapResult {
  events: LiveEvent[];
  /** The message is of a kind we do not map (counted, ignored). */
  unknown: boolean;
  /** The room went on or off air. */
  onAir?: boolean;
  /** Why the room went off air, when the platform says (CUT_OFF: the platform cut the stream). */
  reason?: string;
  /** The body could not be decoded (a protobuf payload that is not one): counted as garbage. */
  bad?: boolean;
}

type Handler = (m: Record<string, unknown>, ts: number) => LiveEvent[];

export class BilibiliMapper {
  /** The platform's like total as last mapped; null until the first LIKE_INFO_V3_UPDATE. */
  private likeTotal: number | null = null;
  private clickLikes = 0;
  /** The platform hides viewers from this connection (uid 0, masked names): said on the source's state. */
  masked = false;

  map(message: unknown, ts: number): MapResult {
    const m = obj(message);
    const cmd = typeof m?.cmd === 'string' ? m.cmd.split(':')[0]! : null;
    if (!m || !cmd) return { events: [], unknown: true };
    if (cmd === 'LIVE') return { events: [{ type: 'session_start', ts }], unknown: false, onAir: true };
    if (cmd === 'PREPARING') return { events: [{ type: 'session_end', ts }], unknown: false, onAir: false };
    if (cmd === 'CUT_OFF' || cmd === 'CUT_OFF_V2') return cutOff(m, ts);
    const handler = this.handlers[cmd];
    if (!handler) return { events: [], unknown: true };
    try {
      return { events: handler(m, ts), unknown: false };
    } catch {
      return { events: [], unknown: false, bad: true }; // a pb payload that does not decode
    }
  }

  private interact(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
    if (d && userId(d.uid) === null) this.masked = true;
    return interact(d, ts);
  }

  private danmaku(m: Record<string, unknown>, ts: number): LiveEvent[] {
    const events = danmaku(m, ts);
    const e = events[0];
    if (e?.type === 'comment' && !e.userId) this.masked = true;
    return events;
  }

  private readonly handlers: Record<string, Handler> = {
    DANMU_MSG: (m, ts) => this.danmaku(m, ts),
    INTERACT_WORD: (m, ts) => this.interact(obj(m.data), ts),
    INTERACT_WORD_V2: (m, ts) => {
      const pb = str(obj(m.data)?.pb, 1_000_000);
      return pb ? this.interact(interactWordV2(pb), ts) : [];
    },
    SEND_GIFT: (m, ts) => gift(obj(m.data), ts),
    SEND_GIFT_V2: (m, ts) => {
      const pb = str(obj(m.data)?.pb, 1_000_000);
      return pb ? gift(sendGiftV2(pb), ts) : [];
    },
    GUARD_BUY: (m, ts) => guard(obj(m.data), ts),
    SUPER_CHAT_MESSAGE: (m, ts) => superChat(obj(m.data), ts),
    ONLINE_RANK_COUNT: (m, ts) => {
      const d = obj(m.data);
      const count = num(d?.online_count) ?? num(d?.count);
      return count === null ? [] : [{ type: 'online_count', ts, count: Math.round(count) }];
    },
    // 看过 (cumulative viewers): a platform counter the engine takes for its card.
    WATCHED_CHANGE: (m, ts) => {
      const n = num(obj(m.data)?.num);
      return n === null ? [] : [{ type: 'viewer_total', ts, count: Math.round(n) }];
    },
    // 正在去买 (its text names a masked viewer) and 热抢 (goods_id, num): the room's catalogue does not know
    // the platform's goods ids, so both go to the product being explained.
    GOTO_BUY_FLOW: (_m, ts) => [{ type: 'purchase_intent', ts, count: 1 }],
    HOT_BUY_NUM: (m, ts) => {
      const n = num(obj(m.data)?.num);
      return n === null ? [] : [{ type: 'purchase_intent', ts, hot: Math.min(Math.round(n), 1_000_000_000) }];
    },
    LIKE_INFO_V3_CLICK: (m, ts) => this.likeClick(obj(m.data), ts),
    LIKE_INFO_V3_UPDATE: (m, ts) => this.likeUpdate(num(obj(m.data)?.click_count), ts),
  };

  /** One viewer's like: counted only until the platform's total is known (the total includes it). */
  private likeClick(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
    if (this.likeTotal !== null) return [];
    this.clickLikes++;
    return [withOptional({ type: 'like' as const, ts, count: 1 }, { userId: userId(d?.uid) })];
  }

  private likeUpdate(total: number | null, ts: number): LiveEvent[] {
    if (total === null) return [];
    const counted = this.likeTotal ?? this.clickLikes;
    this.likeTotal = Math.max(counted, Math.round(total));
    const delta = this.likeTotal - counted;
    return delta > 0 ? [{ type: 'like', ts, count: Math.min(delta, 1_000_000) }] : [];
  }
}

function danmaku(m: Record<string, unknown>, ts: number): LiveEvent[] {
  const info = arr(m.info);
  const text = str(info?.[1]);
  if (!info || !text) return [];
  const user = arr(info[2]);
  const extra = parseExtra(obj(arr(info[0])?.[15])?.extra);
  const idStr = str(extra?.id_str, 100);
  return [
    withOptional(
      { type: 'comment' as const, ts, text },
      { userId: userId(user?.[0]), nickname: nickname(user?.[1]), id: idStr ? `bili-dm-${idStr}` : null },
    ),
  ];
}

function parseExtra(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string') return obj(v);
  try {
    return obj(JSON.parse(v));
  } catch {
    return null;
  }
}

/** The platform cut the stream (违规切断): the session ends, with the platform's reason on the source. */
function cutOff(m: Record<string, unknown>, ts: number): MapResult {
  const d = obj(m.data);
  const reason = str(m.msg ?? d?.msg ?? d?.cut_off_msg ?? d?.reason, 200);
  return { events: [{ type: 'session_end', ts }], unknown: false, onAir: false, reason: reason ?? '原因未给出' };
}

/**
 * msg_type 1 enter, 2 follow, 3 share, 4 special follow, 5 mutual follow. A masked viewer (uid 0) still
 * counts as an entry, never as a viewer; a follow needs someone to follow.
 */
function interact(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
  const uid = userId(d?.uid);
  const kind = num(d?.msg_type);
  if (kind === 3) return [withOptional({ type: 'share' as const, ts }, { userId: uid })];
  if (kind === 1) return [withOptional({ type: 'viewer_enter' as const, ts }, { userId: uid })];
  if (!uid) return [];
  if (kind === 2 || kind === 4 || kind === 5) return [{ type: 'follow', ts, userId: uid }];
  return [];
}

function gift(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
  if (!d) return [];
  const total = num(d.total_coin) ?? (num(d.price) ?? 0) * (num(d.num) ?? 1);
  const value = d.coin_type === 'gold' ? total / GOLD_PER_YUAN : 0;
  const tid = str(d.tid, 100);
  return [
    withOptional(
      { type: 'gift' as const, ts, value },
      {
        userId: userId(d.uid),
        nickname: nickname(d.uname),
        name: str(d.giftName, 64),
        id: tid ? `bili-gift-${tid}` : null,
      },
    ),
  ];
}

/** 上舰 (captain and above): priced in gold per unit. */
function guard(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
  if (!d) return [];
  const value = ((num(d.price) ?? 0) * (num(d.num) ?? 1)) / GOLD_PER_YUAN;
  return [
    withOptional(
      { type: 'gift' as const, ts, value },
      { userId: userId(d.uid), nickname: nickname(d.username), name: str(d.gift_name, 64) },
    ),
  ];
}

/** 醒目留言: a paid comment, priced in yuan; it is both a gift and a line in the barrage. */
function superChat(d: Record<string, unknown> | null, ts: number): LiveEvent[] {
  if (!d) return [];
  const uid = userId(d.uid);
  const nick = nickname(obj(d.user_info)?.uname);
  const out: LiveEvent[] = [
    withOptional(
      { type: 'gift' as const, ts, value: num(d.price) ?? 0, name: '醒目留言' },
      { userId: uid, nickname: nick },
    ),
  ];
  const text = str(d.message);
  if (text) out.push(withOptional({ type: 'comment' as const, ts, text }, { userId: uid, nickname: nick }));
  return out;
}
