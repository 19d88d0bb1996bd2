// Chinese first (the people in the room read Chinese), English on a toggle.
import { useCallback } from 'react';
import { type Lang, useUiStore } from '../stores/ui-store.ts';
import { EN } from './dict-en.ts';
import { type Key, ZH } from './dict-zh.ts';

export type { Key, Lang };
export const DICTS: Record<Lang, Record<Key, string>> = { zh: ZH, en: EN };

/** The label lookup of the current language; the same function until the language changes. */
export function useT(): (key: Key) => string {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key: Key) => DICTS[lang][key], [lang]);
}
