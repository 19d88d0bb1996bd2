// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BarrageTicker } from '../../client/src/features/big-screen/barrage-ticker.tsx';
import { KpiTiles } from '../../client/src/features/big-screen/kpi-tiles.tsx';
import { ProductTable } from '../../client/src/features/big-screen/product-table.tsx';
import { resetRoomStore, useRoomStore } from '../../client/src/stores/room-store.ts';
import { resetUiStore, useUiStore } from '../../client/src/stores/ui-store.ts';
import { roomState } from './fixtures/room-state.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let host: HTMLDivElement;
let root: Root;

beforeEach(() => {
  resetRoomStore();
  resetUiStore();
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const text = (id: string) => host.querySelector(`[data-testid="${id}"]`)?.textContent;

describe('big screen widgets with real stores', () => {
  it('shows the KPI tiles from the room state, in Chinese and English', () => {
    act(() => useRoomStore.setState({ state: roomState() }));
    act(() => root.render(<KpiTiles />));
    expect(text('kpi-online')).toBe('1.23万');
    expect(text('kpi-gmv')).toBe('¥6.20万');
    expect(text('kpi-conversion')).toBe('0.45%');
    expect(host.textContent).toContain('▼ 18%');
    act(() => useUiStore.getState().setLang('en'));
    expect(text('kpi-online')).toBe('12.3k');
    expect(host.textContent).toContain('Online');
  });

  it('shows — for commerce figures when the source has none', () => {
    act(() => useRoomStore.setState({ state: roomState({ hasCommerce: false }) }));
    act(() => root.render(<KpiTiles />));
    expect(text('kpi-gmv')).toBe('—');
    expect(text('kpi-orders')).toBe('—');
  });

  it('sorts the product table and renders names and barrage as text, never HTML', () => {
    act(() => useRoomStore.setState({ state: roomState() }));
    act(() =>
      root.render(
        <>
          <ProductTable />
          <BarrageTicker />
        </>,
      ),
    );
    const names = () => [...host.querySelectorAll('tbody td.name')].map((td) => td.textContent);
    expect(names()[0]).toContain('<img src=x onerror=alert(1)>');
    expect(host.querySelector('tbody img')).toBeNull();
    expect(host.querySelector('tr.explaining')).not.toBeNull();
    act(() => (host.querySelectorAll('th')[0] as HTMLElement).click()); // sort by name
    expect(useUiStore.getState().productSort).toBe('name');
    expect(host.querySelector('[data-testid="barrage-ticker"] script')).toBeNull();
    expect(text('barrage-ticker')).toContain('<script>');
    expect((globalThis as { __xss?: number }).__xss).toBeUndefined();
  });
});
