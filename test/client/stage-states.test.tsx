// @vitest-environment jsdom
// The alert panel says, per conversion stage, when the feed cannot judge it (in the screen's language), and
// says nothing for stages that are judged.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { AlertPanel } from '../../client/src/widgets/alerts/alert-panel.tsx';
import { startFakeBridge } from './fake-bridge.ts';
import type { FakeSocket } from './fake-socket.ts';
import { snapshotMessage } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

let m: Mounted | null = null;
let socket: FakeSocket;
let stop: () => void;

beforeEach(() => {
  resetStores();
  ({ socket, stop } = startFakeBridge());
});
afterEach(() => {
  m?.unmount();
  m = null;
  stop();
});

const lines = () => [...m!.host.querySelectorAll('[data-testid="alert-stage-states"] li')].map((l) => l.textContent);

describe('alert panel: stages the feed cannot judge', () => {
  it('says so in words, in Chinese and in English', () => {
    const alertStages = { click: 'noExposures', order: 'noClicks', pay: 'judged' } as const;
    update(() => socket.serve('room:snapshot', { ...snapshotMessage(5, { alertStages }), alerts: [] }));
    m = mount(<AlertPanel />);
    expect(lines()).toEqual([
      '商品点击率：无法判断（数据源没有商品曝光数据）',
      '点击-下单：无法判断（数据源没有点击数据）',
    ]);
    act(() => useUiStore.getState().setLang('en'));
    expect(lines()).toEqual([
      'Click rate: cannot be judged (the feed has no product card exposures)',
      'Click→order: cannot be judged (the feed has no clicks)',
    ]);
  });

  it('shows nothing when every stage is judged', () => {
    const alertStages = { click: 'judged', order: 'judged', pay: 'judged' } as const;
    update(() => socket.serve('room:snapshot', { ...snapshotMessage(5, { alertStages }), alerts: [] }));
    m = mount(<AlertPanel />);
    expect(m.host.querySelector('[data-testid="alert-stage-states"]')).toBeNull();
  });
});
