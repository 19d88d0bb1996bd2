import { create } from 'zustand';

/** The screen's language; defined here, not in lib/i18n.ts, which reads this store (one direction only). */
export type Lang = 'zh' | 'en';

export type ProductSortKey =
  | 'gmv'
  | 'buyIntents'
  | 'orders'
  | 'clickUsers'
  | 'clickRate'
  | 'exposureUsers'
  | 'name'
  | 'price'
  | 'stock';
export type HotWordWindow = '1m' | '5m' | 'session';

interface UiState {
  lang: Lang;
  productSort: ProductSortKey;
  productSortDesc: boolean;
  hotWordWindow: HotWordWindow;
  muted: boolean;
  /** The key that acknowledges a cue on the prompter (foot pedals send keys). */
  ackKey: string;
  setMuted(muted: boolean): void;
  setAckKey(key: string): void;
  setLang(lang: Lang): void;
  sortProducts(key: ProductSortKey): void;
  setHotWordWindow(w: HotWordWindow): void;
}

// The language survives a reload of the big screen (it is a choice of the person at it, not of the room).
const LANG_KEY = 'live-console.lang';

function savedLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function saveLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // Private mode or storage full: the toggle still works for this page.
  }
}

const initial = {
  lang: 'zh' as Lang,
  productSort: 'gmv' as ProductSortKey,
  productSortDesc: true,
  hotWordWindow: '1m' as HotWordWindow,
  muted: false,
  ackKey: ' ',
};

export const useUiStore = create<UiState>()((set) => ({
  ...initial,
  lang: savedLang(),
  setLang: (lang) => {
    saveLang(lang);
    set({ lang });
  },
  // Clicking the active column flips the order; a new column starts descending (biggest first), names A→Z.
  sortProducts: (key) =>
    set((s) =>
      s.productSort === key
        ? { productSortDesc: !s.productSortDesc }
        : { productSort: key, productSortDesc: key !== 'name' },
    ),
  setHotWordWindow: (hotWordWindow) => set({ hotWordWindow }),
  setMuted: (muted) => set({ muted }),
  setAckKey: (ackKey) => set({ ackKey }),
}));

/** Back to the defaults (tests); the saved language is left alone. */
export const resetUiStore = () => useUiStore.setState(initial);
