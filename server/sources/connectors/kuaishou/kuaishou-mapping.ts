// Kuaishou's pushes → our events. SCWebFeedPush (310) batches the room's feed: displayWatchingCount 1 (the
// shown online figure, "1.2万"), commentFeeds 5, likeFeeds 8, giftFeeds 9, shareFeeds 12; each feed has id 1
// and user 2 (SimpleUserInfo: principalId 1, userName 2); a comment's content is 3, a gift's intGiftId 4 and
// batchSize 7. SCWebLiveWatchingUsers (340) repeats the online figure (displayWatchingCount 2). Field numbers
// from OrdinaryRoad's Kuaishou codec (see kuaishou-codec.ts).
import type { LiveEvent } from '../../../../shared/events.ts';
import { displayCount, nickname, str, userId, withOptional } from '../map-helpers.ts';
import type { PbFields } from '../pb-fields.ts';
import { KS, type SocketMessage } from './kuaishou-codec.ts';

export interface KuaishouResult {
  events: LiveEvent[];
  unknown: boolean;
  /** The room accepted us (enter-room ack). */
  entered?: boolean;
  /** The author paused (false) or resumed (true) the stream. */
  onAir?: boolean;
}

function who(feed: PbFields) {
  const u = feed.msg(2, 1);
  return { userId: userId(u?.str(1)), nickname: nickname(u?.str(2)) };
}

const feedId = (prefix: string, feed: PbFields) => {
  const id = str(feed.str(1), 100);
  return id ? `ks-${prefix}${id}` : null;
};

function online(shown: string | null, ts: number): LiveEvent[] {
  const n = displayCount(shown);
  return n === null ? [] : [{ type: 'online_count', ts, count: Math.min(n, 1_000_000_000) }];
}

function feedPush(p: PbFields, ts: number): LiveEvent[] {
  const out: LiveEvent[] = online(p.str(1), ts);
  for (const c of p.msgs(5)) {
    const text = str(c.str(3));
    if (text) out.push(withOptional({ type: 'comment' as const, ts, text }, { ...who(c), id: feedId('', c) }));
  }
  for (const l of p.msgs(8)) out.push(withOptional({ type: 'like' as const, ts, count: 1 }, { userId: who(l).userId }));
  // The feed names the gift by id only; its price is in the room's gift list, which we do not fetch: value 0.
  for (const g of p.msgs(9)) {
    const giftId = g.int(4);
    out.push(
      withOptional(
        { type: 'gift' as const, ts, value: 0 },
        { ...who(g), name: giftId === null ? null : `礼物 ${giftId}`, id: feedId('gift-', g) },
      ),
    );
  }
  for (const s of p.msgs(12)) out.push(withOptional({ type: 'share' as const, ts }, { userId: who(s).userId }));
  return out;
}

export function mapKuaishou(m: SocketMessage, ts: number): KuaishouResult {
  switch (m.type) {
    case KS.feedPush:
      return { events: feedPush(m.payload, ts), unknown: false };
    case KS.watchingList:
      return { events: online(m.payload.str(2), ts), unknown: false };
    case KS.enterRoomAck:
      return { events: [], unknown: false, entered: true };
    case KS.heartbeatAck:
      return { events: [], unknown: false };
    case KS.authorPause:
      return { events: [], unknown: false, onAir: false };
    case KS.authorResume:
      return { events: [], unknown: false, onAir: true };
    default:
      return { events: [], unknown: true };
  }
}
