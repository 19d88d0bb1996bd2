// @vitest-environment jsdom
// The whole big screen (charts included, SVG renderer under jsdom) fed through the real bridge from a fake
// socket, and the sign-in page's recent rooms.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from '../../client/src/features/admin/sign-in.tsx';
import { BigScreen } from '../../client/src/features/big-screen/big-screen.tsx';
import { startBridge } from '../../client/src/lib/bridge.ts';
import { echarts } from '../../client/src/lib/echarts.ts';
import { rememberRoom } from '../../client/src/lib/recent-rooms.ts';
import { useConnectionStore } from '../../client/src/stores/connection-store.ts';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { FakeSocket } from './fake-socket.ts';
import { patchMessage, snapshotMessage } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

const held = () => useRoomStore.getState().state!;

const TEST_IDS = [
  'kpi-online',
  'kpi-entries',
  'kpi-watch',
  'kpi-gmv',
  'kpi-orders',
  'kpi-conversion',
  'conn-badge',
  'source-badge',
  'funnel-chart',
  'online-chart',
  'hot-words',
  'product-table',
  'barrage-ticker',
  'lang-toggle',
];

// jsdom has no canvas to measure text with: a fixed-width estimate keeps zrender quiet and layouts stable.
echarts.setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 9 }) });

let m: Mounted | null = null;
/** Charts draw on the next animation frame (setOption with lazyUpdate): wait for it, with a timeout. */
const chartText = async (id: string, expected: string) =>
  vi.waitFor(() => expect(m?.byTestId(id)?.textContent).toContain(expected), { timeout: 2_000 });
let socket: FakeSocket;
let stop: () => void;

beforeEach(() => {
  // Real timers: jsdom's animation frames run on them, and the charts draw on the next frame.
  resetStores();
  socket = new FakeSocket();
  stop = startBridge(socket.asBridgeSocket());
});
afterEach(() => {
  m?.unmount();
  m = null;
  stop();
  localStorage.clear();
});

describe('big screen page', () => {
  it('renders every widget from a snapshot and follows ticks, charts included', async () => {
    m = mount(<BigScreen roomId="r_test" />);
    expect(m.byTestId('conn-badge')?.dataset.status).toBe('connecting');
    update(() => socket.serve('room:snapshot', snapshotMessage(5)));
    for (const id of TEST_IDS) expect(m.byTestId(id), id).not.toBeNull();
    expect(m.byTestId('conn-badge')?.dataset.status).toBe('live');
    expect(m.byTestId('source-badge')?.dataset.status).toBe('ok');
    expect(m.byTestId('online-chart')?.querySelector('svg')).not.toBeNull();
    await chartText('funnel-chart', '直播间曝光');
    expect(m.text('now-explaining')).toContain('<img src=x onerror=alert(1)>');
    update(() => socket.serve('room:patch', patchMessage(held(), 6, { online: 4321 })));
    expect(m.text('kpi-online')).toBe('4,321');
  });

  it('says when the figures are stale, and when the source has no commerce', async () => {
    m = mount(<BigScreen roomId="r_test" />);
    update(() => socket.serve('room:snapshot', snapshotMessage(5, { hasCommerce: false })));
    expect(m.byTestId('no-commerce')?.textContent).toBe('该数据源无交易数据');
    await chartText('funnel-chart', '成交  — · —');
    update(() => socket.serve('room:patch', patchMessage(held(), 9))); // a gap: resync asked
    expect(m.byTestId('conn-badge')?.dataset.status).toBe('stale');
    expect(m.byTestId('big-screen')?.classList.contains('outdated')).toBe(true);
  });

  it('cut off from the server: 连接中断 instead of 一切正常, the source unknown, the next try counted down', () => {
    m = mount(<BigScreen roomId="r_test" />);
    update(() => socket.serve('room:snapshot', snapshotMessage(5)));
    expect(m.text('alert-panel')).toContain('一切正常');
    expect(m.text('source-badge')).toContain('推送');
    socket.connected = false;
    update(() => socket.serve('disconnect', 'transport close'));
    expect(m.text('alert-panel')).not.toContain('一切正常');
    expect(m.text('conn-lost')).toContain('连接中断');
    expect(m.byTestId('source-badge')?.dataset.status).toBe('unknown');
    expect(m.text('retry-in')).toMatch(/^\d+秒后重连$/);
    expect(m.byTestId('retry-now')?.textContent).toBe('立即重试');
  });

  it('shows a refused handshake in words, its code kept out of the text', () => {
    m = mount(<BigScreen roomId="r_test" />);
    const err = Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized', message: 'unknown token' } });
    update(() => socket.serve('connect_error', err));
    expect(m.byTestId('conn-badge')?.dataset.status).toBe('error');
    expect(m.byTestId('conn-badge')?.dataset.code).toBe('unauthorized');
    expect(m.text('conn-badge')).toContain('链接无效或已过期');
    expect(m.text('conn-badge')).not.toContain('unauthorized');
    expect(useConnectionStore.getState().errorMessage).toBe('unknown token');
  });

  it('switches language with the toggle', async () => {
    m = mount(<BigScreen roomId="r_test" />);
    update(() => socket.serve('room:snapshot', snapshotMessage(5)));
    update(() => m!.byTestId('lang-toggle')!.click());
    expect(m.host.textContent).toContain('Hot words');
    await chartText('funnel-chart', 'Room exposure');
    expect(localStorage.getItem('live-console.lang')).toBe('en');
  });
});

describe('sign-in page', () => {
  it('offers the admin sign-in, a seat-link field and the recent rooms of this browser', () => {
    rememberRoom({ roomId: 'r_1', seat: 'controller', name: '店铺直播间' });
    rememberRoom({ roomId: 'r_2', seat: 'viewer' });
    m = mount(<SignIn onSignedIn={() => {}} />);
    const links = [...(m.byTestId('recent-rooms')?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.textContent)).toEqual(['r_2', '店铺直播间 r_1']);
    expect(links[1]?.getAttribute('href')).toBe('/?room=r_1&seat=controller');
    expect(m.byTestId('admin-sign-in')?.querySelectorAll('input')).toHaveLength(2);
    expect(m.byTestId('admin-token')?.getAttribute('type')).toBe('password');
  });
});
