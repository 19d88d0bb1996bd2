import { create } from 'zustand';
import type { Lang } from '../lib/i18n.ts';

export type ProductSortKey = 'gmv' | 'orders' | 'clickUsers' | 'clickRate' | 'exposureUsers' | 'name';
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
  setLang: (lang) => set({ lang }),
  // Clicking the active column flips the order; a new column starts descending (biggest first).
  sortProducts: (key) =>
    set((s) =>
      s.productSort === key ? { productSortDesc: !s.productSortDesc } : { productSort: key, productSortDesc: true },
    ),
  setHotWordWindow: (hotWordWindow) => set({ hotWordWindow }),
  setMuted: (muted) => set({ muted }),
  setAckKey: (ackKey) => set({ ackKey }),
}));

export const resetUiStore = () => useUiStore.setState(initial);
