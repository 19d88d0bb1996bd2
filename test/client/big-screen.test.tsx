// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarrageTicker } from '../../client/src/features/big-screen/barrage-ticker.tsx';
import { HotWords } from '../../client/src/features/big-screen/hot-words.tsx';
import { KpiTiles } from '../../client/src/features/big-screen/kpi-tiles.tsx';
import { ProductTable } from '../../client/src/features/big-screen/product-table.tsx';
import { SecondaryStats } from '../../client/src/features/big-screen/secondary-stats.tsx';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { RECENT_COMMENTS_MAX } from '../../shared/constants.ts';
import { roomState } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

let m: Mounted | null = null;
beforeEach(() => resetStores());
afterEach(() => m?.unmount());

const names = () => [...(m?.host.querySelectorAll('tbody td.name') ?? [])].map((td) => td.textContent ?? '');
const header = (label: string) =>
  [...(m?.host.querySelectorAll<HTMLButtonElement>('th button') ?? [])].find((b) => b.textContent?.startsWith(label))!;

describe('KPI tiles', () => {
  it('shows the figures from the room state with their 5-minute change, in Chinese and English', () => {
    update(() => useRoomStore.setState({ state: roomState() }));
    m = mount(<KpiTiles />);
    expect(m.text('kpi-online')).toBe('1.23万');
    expect(m.text('kpi-entries')).toBe('900');
    expect(m.text('kpi-watch')).toBe('1:04');
    expect(m.text('kpi-gmv')).toBe('¥6.20万');
    expect(m.text('kpi-orders')).toBe('520');
    expect(m.text('kpi-conversion')).toBe('0.45%');
    expect(m.host.querySelector('.kpi-online .kpi-change.down')?.textContent).toContain('▼ 18%');
    expect(m.host.querySelector('.kpi-entries .kpi-change.up')?.textContent).toContain('▲ 13%');
    // A running total shows its increase, never a percentage beside a session total; both windows on hover.
    const gmv = m.host.querySelector<HTMLElement>('.kpi-gmv .kpi-change')!;
    expect(gmv.textContent).toMatch(/^\+¥[\d,.万]+ 近5分钟新增$/);
    expect(gmv.textContent).not.toContain('%');
    expect(gmv.title).toMatch(/^近5分钟 \+¥.+ · 前5分钟 \+¥.+$/);
    expect(m.host.querySelector<HTMLElement>('.kpi-online .kpi-change')!.title).toMatch(/^近5分钟 .+ · 前5分钟 .+$/);
    update(() => useUiStore.getState().setLang('en'));
    expect(m.text('kpi-online')).toBe('12.3k');
    expect(m.host.textContent).toContain('Online');
    expect(m.host.textContent).toContain('last 5 min vs the 5 before');
  });

  it('follows each tick', () => {
    update(() => useRoomStore.setState({ state: roomState() }));
    m = mount(<KpiTiles />);
    update(() => useRoomStore.setState({ state: roomState({ online: 321, seq: 11 }) }));
    expect(m.text('kpi-online')).toBe('321');
  });

  it('shows — (never 0) before the first snapshot, for missing measures, and for commerce without a commerce source', () => {
    m = mount(
      <>
        <KpiTiles />
        <SecondaryStats />
      </>,
    );
    expect(m.text('kpi-online')).toBe('—');
    update(() => useRoomStore.setState({ state: roomState({ hasCommerce: false, avgWatchSeconds: null }) }));
    for (const id of ['kpi-gmv', 'kpi-orders', 'kpi-conversion', 'kpi-watch']) expect(m.text(id)).toBe('—');
    expect(m.text('kpi-online')).toBe('1.23万');
    expect(m.host.querySelector('.kpi-gmv .kpi-change')?.textContent).toContain('—');
    expect(m.text('secondary-stats')).toContain('UV价值—');
  });

  it('shows 互动率 as — when the platform hides who the viewers are', () => {
    const st = roomState();
    update(() => useRoomStore.setState({ state: { ...st, source: { ...st.source, sampled: true, masked: true } } }));
    m = mount(<SecondaryStats />);
    expect(m.text('secondary-stats')).toContain('互动率');
    expect(m.text('secondary-stats')).toMatch(/互动率采样—/);
  });
});

describe('product table', () => {
  it('sorts by a clicked header, flips on a second click, and marks the explained product', () => {
    update(() => useRoomStore.setState({ state: roomState() }));
    m = mount(<ProductTable />);
    expect(names()[0]).toContain('<img src=x onerror=alert(1)>'); // GMV, biggest first
    expect(m.host.querySelector('tr.explaining td.name')?.textContent).toContain('讲解中');
    update(() => header('价格').click());
    expect(names()[0]).toContain('<img');
    expect(m.host.querySelector('th[aria-sort="descending"]')?.textContent).toContain('价格');
    update(() => header('价格').click());
    expect(names()[0]).toBe('保温杯');
    expect(m.host.querySelector('th[aria-sort="ascending"]')).not.toBeNull();
  });

  it('puts missing rates last whichever the direction', () => {
    const [a, b] = roomState().products;
    const products = [{ ...a!, id: 'x', name: 'none', clickRate: null }, a!, b!];
    update(() => useRoomStore.setState({ state: roomState({ products }) }));
    m = mount(<ProductTable />);
    update(() => header('点击率').click());
    expect(names().at(-1)).toBe('none');
    update(() => header('点击率').click());
    expect(names().at(-1)).toBe('none');
  });

  it('shows the stock left, marks low and sold-out stock in words, and — for an unknown figure', () => {
    const [a, b] = roomState().products;
    const products = [
      { ...a!, id: 'ok', name: 'ok', stock: 300, stockStart: 500 },
      { ...a!, id: 'low', name: 'low', stock: 40, stockStart: 500 }, // ≤ 10 % of 500
      { ...b!, id: 'out', name: 'out', stock: 0, stockStart: 50 },
      { ...a!, id: 'unknown', name: 'unknown', stock: null, stockStart: null },
    ];
    update(() => useRoomStore.setState({ state: roomState({ products }) }));
    m = mount(<ProductTable />);
    update(() => header('商品').click()); // by name: low, ok, out, unknown
    const cells = [...m.host.querySelectorAll<HTMLElement>('[data-testid="product-stock"]')];
    expect(cells.map((c) => [c.dataset.level, c.textContent])).toEqual([
      ['low', '紧张40'],
      ['ok', '300'],
      ['out', '售罄0'],
      ['unknown', '—'],
    ]);
    update(() => useUiStore.getState().setLang('en'));
    expect(m.host.querySelector('[data-level="out"]')?.textContent).toBe('Sold out0');
  });

  it('shows 去买 (viewers heading to buy) with the platform 热抢 figure, — when the feed gives none', () => {
    const [a, b] = roomState().products;
    const products = [
      { ...a!, id: 'hot', name: 'hot', buyIntents: 3, hotBuy: 120 },
      { ...b!, id: 'none', name: 'none' },
    ];
    update(() => useRoomStore.setState({ state: roomState({ products }) }));
    m = mount(<ProductTable />);
    update(() => header('商品').click()); // by name: hot, none
    const cells = [...m.host.querySelectorAll<HTMLElement>('[data-testid="product-buy-intents"]')];
    expect(cells.map((c) => c.textContent)).toEqual(['3 热抢 120', '—']);
  });

  it('renders server text as text, never as HTML', () => {
    update(() => useRoomStore.setState({ state: roomState() }));
    m = mount(
      <>
        <ProductTable />
        <BarrageTicker />
      </>,
    );
    expect(m.host.querySelector('img')).toBeNull();
    expect(m.host.querySelector('script')).toBeNull();
    expect(m.text('barrage-ticker')).toContain('<script>');
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined();
  });
});

describe('barrage and hot words', () => {
  it('shows at most the newest 30 lines, newest first', () => {
    const lines = Array.from({ length: 50 }, (_, i) => ({ ts: 1000 - i, userId: null, text: `line ${i}` }));
    update(() => useRoomStore.setState({ state: roomState({ recentComments: lines }) }));
    m = mount(<BarrageTicker />);
    const items = m.host.querySelectorAll('[data-testid="barrage-ticker"] li');
    expect(items).toHaveLength(RECENT_COMMENTS_MAX);
    expect(items[0]?.textContent).toBe('匿名line 0');
  });

  it('switches window and marks rising words', () => {
    update(() => useRoomStore.setState({ state: roomState() }));
    m = mount(<HotWords />);
    const rising = m.host.querySelector('li.rising');
    expect(rising?.textContent).toContain('多少钱');
    expect(rising?.textContent).toContain('↑');
    update(() => m!.host.querySelector<HTMLButtonElement>('button[data-window="session"]')!.click());
    expect(useUiStore.getState().hotWordWindow).toBe('session');
    expect(m.text('hot-words')).toContain('666');
    expect(m.host.querySelector('button[aria-pressed="true"]')?.textContent).toBe('本场');
  });
});
