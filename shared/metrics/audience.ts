// Audience formulas. Watch time counts finished stays plus the running time of everyone still online, so the
// average does not jump when a long-staying viewer finally leaves.
import { ratio } from './ratio.ts';

/** 人均观看时长 in seconds = total watch time ÷ cumulative unique viewers. */
export function avgWatchSeconds(finishedWatchMs: number, onlineWatchMs: number, uniqueViewers: number): number | null {
  const avgMs = ratio(finishedWatchMs + onlineWatchMs, uniqueViewers);
  return avgMs === null ? null : avgMs / 1000;
}

/** 互动率 = viewers who commented ÷ cumulative viewers. */
export function interactionRate(commentUsers: number, uniqueViewers: number): number | null {
  return ratio(commentUsers, uniqueViewers);
}

/** 转粉率 = new follows ÷ cumulative viewers (later unfollows are not netted). */
export function followRate(newFollows: number, uniqueViewers: number): number | null {
  return ratio(newFollows, uniqueViewers);
}
