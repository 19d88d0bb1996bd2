// @vitest-environment jsdom
// The alert panel fed through the real bridge from a fake socket: an alert about one product names it, previews
// its 话术 with THAT product (not the one explained now), and forwards it with its productId; a room alert
// previews with the explained product and forwards without one.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRulesStore } from '../../client/src/stores/rules-store.ts';
import { AlertPanel } from '../../client/src/widgets/alerts/alert-panel.tsx';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import type { Alert } from '../../shared/alerts.ts';
import { startFakeBridge } from './fake-bridge.ts';
import type { FakeSocket } from './fake-socket.ts';
import { cueOf } from './fixtures/cue.ts';
import { snapshotMessage } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

const TS = Date.UTC(2026, 10, 24, 12);
const alertOf = (over: Partial<Alert>): Alert => ({
  id: 'a1',
  ruleId: 'stock-p1',
  name: '库存告急',
  metric: 'stock',
  productId: 'p1',
  severity: 'critical',
  state: 'firing',
  activeAt: TS - 60_000,
  firedAt: TS - 60_000,
  resolvedAt: null,
  value: 12,
  baseline: null,
  action: '{商品名}只剩{库存}件，{价格}元！',
  ackedAt: null,
  ackedBy: null,
  snoozedUntil: null,
  ...over,
});

let m: Mounted | null = null;
let socket: FakeSocket;
let stop: () => void;
const item = (rule: string) => m!.host.querySelector<HTMLElement>(`[data-testid="alert-item"][data-rule="${rule}"]`)!;
const inItem = (rule: string, id: string) => item(rule).querySelector<HTMLElement>(`[data-testid="${id}"]`);

function open(alerts: Alert[]) {
  update(() => socket.serve('room:snapshot', { ...snapshotMessage(5), alerts }));
  m = mount(<AlertPanel />);
}

beforeEach(() => {
  resetStores();
  ({ socket, stop } = startFakeBridge());
});
afterEach(() => {
  m?.unmount();
  m = null;
  stop();
});

describe('alert panel', () => {
  it("names the alert's product and previews the 话术 with it, not with the explained one", () => {
    // The fixture explains p2 (a hostile name); the alert is about p1 保温杯 (¥59, 300 left).
    open([alertOf({})]);
    expect(inItem('stock-p1', 'alert-product')?.textContent).toBe('保温杯');
    expect(inItem('stock-p1', 'alert-action')?.textContent).toBe('保温杯只剩300件，59元！');
  });

  it('previews a room alert with the explained product, shown as text, and names no product', () => {
    open([alertOf({ id: 'a2', ruleId: 'online-drop', metric: 'online', productId: null, action: '抽{商品名}' })]);
    expect(inItem('online-drop', 'alert-product')).toBeNull();
    expect(inItem('online-drop', 'alert-action')?.textContent).toBe('抽<img src=x onerror=alert(1)>');
    expect(m!.host.querySelector('img')).toBeNull();
  });

  it('treats an older alert without productId as a room alert', () => {
    const { productId: _absent, ...old } = alertOf({ ruleId: 'online-drop', metric: 'online', action: '抽{商品名}' });
    open([old as Alert]);
    expect(inItem('online-drop', 'alert-product')).toBeNull();
    expect(inItem('online-drop', 'alert-action')?.textContent).toBe('抽<img src=x onerror=alert(1)>');
    update(() => (inItem('online-drop', 'alert-forward') as HTMLButtonElement).click());
    expect(socket.requests('cue:push')[0]!.payload).not.toHaveProperty('productId');
  });

  it('names an unknown product by its id and leaves its placeholders for the server', () => {
    open([alertOf({ productId: 'p-gone' })]);
    expect(inItem('stock-p1', 'alert-product')?.textContent).toBe('p-gone');
    expect(inItem('stock-p1', 'alert-action')?.textContent).toBe('{商品名}只剩{库存}件，{价格}元！');
  });

  it("forwards with the alert's productId so the server fills the template with that product", async () => {
    open([alertOf({}), alertOf({ id: 'a2', ruleId: 'online-drop', metric: 'online', productId: null })]);
    update(() => (inItem('stock-p1', 'alert-forward') as HTMLButtonElement).click());
    update(() => (inItem('online-drop', 'alert-forward') as HTMLButtonElement).click());
    const [stock, room] = socket.requests('cue:push');
    expect(stock!.payload).toEqual({
      text: '{商品名}只剩{库存}件，{价格}元！',
      priority: 'urgent',
      alertId: 'a1',
      productId: 'p1',
    });
    expect(room!.payload).not.toHaveProperty('productId');
    // The server's answer and its broadcast: the cue shows under the alert and forwarding is done.
    const cue = cueOf({
      text: '保温杯只剩300件，59元！',
      priority: 'urgent',
      productId: 'p1',
      alertId: 'a1',
      sentAt: TS,
    });
    await act(async () => stock!.ack!({ ok: true, data: { cue } }));
    update(() => socket.serve('cue:new', { cue }));
    expect(inItem('stock-p1', 'cue-status')).not.toBeNull();
    expect((inItem('stock-p1', 'alert-forward') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a sold-out 0 as a count and a rate in percent, each with its label, unit and comparison', () => {
    open([
      alertOf({ value: 0 }),
      alertOf({ id: 'a3', ruleId: 'click-rate-drop', metric: 'clickRate', value: 0.052, baseline: 0.1 }),
    ]);
    expect(item('stock-p1').querySelector('.alert-figures')?.textContent?.trim()).toBe('库存 0 件');
    expect(item('click-rate-drop').querySelector('.alert-figures')?.textContent?.trim()).toBe(
      '商品点击率 5.2%（之前 10.0%）',
    );
    // With the rule known, the comparison says what the rule compares.
    update(() =>
      useRulesStore.setState({
        rules: [
          { ...DEFAULT_RULES[0]!, id: 'stock-p1', metric: 'stock', condition: { kind: 'below', value: 20 } },
          {
            ...DEFAULT_RULES[0]!,
            id: 'click-rate-drop',
            metric: 'clickRate',
            condition: { kind: 'drop', pct: 0.3, baselineMinutes: 5 },
          },
        ],
      }),
    );
    expect(item('stock-p1').querySelector('.alert-figures')?.textContent?.trim()).toBe('库存 0 件（低于 20 件）');
    expect(item('click-rate-drop').querySelector('.alert-figures')?.textContent?.trim()).toBe(
      '商品点击率 5.2%（前5分钟平均 10.0%，跌 48%）',
    );
  });

  it('cannot forward a rule without 话术 (a cue needs text)', () => {
    open([alertOf({ action: '' })]);
    expect((inItem('stock-p1', 'alert-forward') as HTMLButtonElement).disabled).toBe(true);
  });
});
