// The 话术库: reusable cue templates kept in this browser. Variables {商品名} {价格} {库存} {在线人数} are
// filled by the server when the cue is sent.
import { MAX_SCRIPTS } from '../../../../shared/constants.ts';

const KEY = 'live-console.scripts';

export const DEFAULT_SCRIPTS = [
  '福袋{在线人数}人在线，扣1参与，60秒后开奖！',
  '{商品名}今天直播间价{价格}元，只剩{库存}件',
  '点关注不迷路，下一个福袋马上来',
  '还没付款的宝宝抓紧付款，库存不等人',
  '换下一个品，节奏加快',
];

export function loadScripts(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;
    return Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string' && x.length <= 120).slice(0, MAX_SCRIPTS)
      : DEFAULT_SCRIPTS;
  } catch {
    return DEFAULT_SCRIPTS;
  }
}

/** Adds pasted lines (one script per line, blanks and duplicates dropped); returns the new library. */
export function addScripts(pasted: string, current: string[]): string[] {
  const lines = pasted
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && l.length <= 120);
  const next = [...new Set([...current, ...lines])].slice(0, MAX_SCRIPTS);
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}

export function removeScript(text: string, current: string[]): string[] {
  const next = current.filter((s) => s !== text);
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}
