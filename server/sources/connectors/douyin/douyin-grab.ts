// DouyinBarrageGrab's `{ Type, ProcessName, Data }` envelope: Type 1 chat, 2 like, 3 member, 4 follow, 5 gift,
// 6 room stats, 7 fansclub, 8 share, 9 live end; Data a JSON string (older builds) or an object, Type a number
// or a numeric string.
import { type Json, num, obj, parseJsonLongIds, str, withOptional } from '../map-helpers.ts';
import { counters, marked, msgId, none, ok, type RelayResult, user, YUAN_PER_DIAMOND } from './douyin-common.ts';

export function mapGrab(type: number, data: unknown, ts: number): RelayResult {
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
