// What both relay shapes share: the result type, who a message names (anonymous viewers included), message
// ids and the room's counters.
import type { LiveEvent } from '../../../../shared/events.ts';
import { MASKED_NAME, nickname, obj, str, userId } from '../map-helpers.ts';

/** 1 抖币 (diamond) = 0.1 yuan. */
export const YUAN_PER_DIAMOND = 0.1;

export interface RelayResult {
  events: LiveEvent[];
  unknown: boolean;
  /** The relay says the room is (not) on air. */
  onAir?: boolean;
  /** The message named an anonymous viewer (placeholder id, masked name): the source says the feed is masked. */
  anonymous?: boolean;
}

export const none = (unknown = false): RelayResult => ({ events: [], unknown });
export const ok = (events: LiveEvent[]): RelayResult => ({ events, unknown: false });

/** Douyin's placeholder for an anonymous viewer: every one of them arrives as user 111111 (or 0, or empty). */
const PLACEHOLDER_IDS = new Set(['111111']);

function read(u: unknown) {
  const o = obj(u);
  const name = nickname(o?.nickName ?? o?.nickname ?? o?.Nickname);
  // The first id present: the numeric id (long ids are read as strings, see parseJsonLongIds), else secUid.
  const ids = [o?.idStr, o?.id, o?.Id, o?.secUid, o?.SecUid].map(userId).filter((v) => v !== null);
  const real = ids.filter((v) => !PLACEHOLDER_IDS.has(v));
  // Placeholder ids, a user without any id and masked names are anonymous: never one viewer for all of them.
  const anonymous = (o !== null && real.length === 0) || (name !== null && MASKED_NAME.test(name));
  return { userId: anonymous ? null : (real[0] ?? null), nickname: name, anonymous };
}

export function user(u: unknown): { userId: string | null; nickname: string | null } {
  const { userId: id, nickname: name } = read(u);
  return { userId: id, nickname: name };
}

/** The frame's result, saying when its viewer was anonymous (the source then says the feed is masked). */
export const marked = (r: RelayResult, u: unknown): RelayResult => (read(u).anonymous ? { ...r, anonymous: true } : r);

export const msgId = (v: unknown) => {
  const id = typeof v === 'number' ? String(v) : str(v, 100);
  return id && id !== '0' ? `dy-${id}` : null;
};

export function counters(online: number | null, total: number | null, ts: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  if (online !== null) out.push({ type: 'online_count', ts, count: Math.round(online) });
  if (total !== null) out.push({ type: 'viewer_total', ts, count: Math.round(total) });
  return out;
}
