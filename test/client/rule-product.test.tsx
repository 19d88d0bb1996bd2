// @vitest-environment jsdom
// Per-product rules in the drawer, with real stores and a fake fetch: the product picker (explained product or
// one of the catalogue, an unknown id kept), the words naming the product, a stock rule added and saved with
// the right body, and the shared rulesProblem() refusing before anything is sent.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuleEditor } from '../../client/src/features/rules/rule-editor.tsx';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { changeRules, useRulesStore } from '../../client/src/stores/rules-store.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import type { AlertRule } from '../../shared/alerts.ts';
import { roomState } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

const XSS = '<img src=x onerror=alert(1)>'; // the fixture's p2, the product being explained
const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!;
let m: Mounted | null = null;
let fetchMock: ReturnType<typeof vi.fn>;

function open(rules: AlertRule[]) {
  update(() => {
    useRoomStore.setState({ seat: 'controller', state: roomState() });
    useRulesStore.setState({ rules });
  });
  m = mount(<RuleEditor roomId="r1" onClose={() => {}} />);
}
const card = (id: string) => m!.host.querySelector<HTMLElement>(`[data-testid="rule-item"][data-rule="${id}"]`)!;
const inCard = <T extends HTMLElement>(id: string, testId: string) =>
  card(id).querySelector<T>(`[data-testid="${testId}"]`);
const words = (id: string) => inCard(id, 'rule-condition')!.textContent;
function choose(el: HTMLSelectElement, value: string) {
  update(() => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
function type(el: HTMLInputElement, value: string) {
  update(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const picker = (id: string) => inCard<HTMLSelectElement>(id, 'rule-product');
const optionTexts = (el: HTMLSelectElement) => [...el.options].map((o) => o.textContent);
const save = () => act(async () => m!.byTestId('rules-save')!.click());
const sentBody = (call = 0) => JSON.parse(fetchMock.mock.calls[call]![1].body) as AlertRule[];

beforeEach(() => {
  resetStores();
  useUiStore.setState({ lang: 'zh' });
  window.history.replaceState(null, '', '/?room=r1&token=tok-controller');
  fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ rules: 1 }), { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  m?.unmount();
  m = null;
  vi.unstubAllGlobals();
});

describe('per-product rules in the editor', () => {
  it('picks the explained product or one of the catalogue, keeps an unknown id, and round-trips productId', async () => {
    const stored: AlertRule[] = [
      rule('online-drop'),
      rule('click-rate-drop'),
      { ...rule('explain-no-orders'), productId: 'p1' },
      { ...rule('order-rate-drop'), id: 'gone-order-rate', productId: 'p-gone' },
    ];
    open(stored);
    expect(picker('online-drop')).toBeNull(); // a room metric has no product
    expect(picker('click-rate-drop')!.value).toBe('');
    expect(optionTexts(picker('click-rate-drop')!)).toEqual(['讲解中的商品', '保温杯', XSS]);
    expect(m!.host.querySelector('img')).toBeNull(); // the hostile name is an option's text
    expect(picker('explain-no-orders')!.value).toBe('p1');
    expect(words('explain-no-orders')).toBe('讲解无成交时长（保温杯） 高于 180');
    expect(words('click-rate-drop')).toBe('商品点击率 较前10分钟下降 ≥25%');
    expect(picker('gone-order-rate')!.value).toBe('p-gone');
    expect(optionTexts(picker('gone-order-rate')!)).toContain('p-gone');
    expect(words('gone-order-rate')).toBe('点击-下单转化率（p-gone） 较前10分钟下降 ≥25%');

    choose(picker('click-rate-drop')!, 'p2');
    choose(picker('explain-no-orders')!, '');
    expect(words('click-rate-drop')).toBe(`商品点击率（${XSS}） 较前10分钟下降 ≥25%`);
    expect(words('explain-no-orders')).toBe('讲解无成交时长 高于 180');
    await save();
    const sent = sentBody();
    expect(sent.find((r) => r.id === 'click-rate-drop')!.productId).toBe('p2');
    expect(sent.find((r) => r.id === 'explain-no-orders')).not.toHaveProperty('productId');
    expect(sent.find((r) => r.id === 'gone-order-rate')!.productId).toBe('p-gone'); // untouched, not lost
    expect(Object.keys(sent.find((r) => r.id === 'click-rate-drop')!).at(-1)).toBe('productId');
    // The echo, as the bridge writes it: the draft is dropped (the comparison saw the same list back).
    update(() => changeRules({ rules: JSON.parse(JSON.stringify(sent)), by: 'controller', at: 1 }));
    expect(m!.byTestId('rules-save')!.hasAttribute('disabled')).toBe(true);
    expect(picker('click-rate-drop')!.value).toBe('p2');
  });

  it('adds a stock rule (below 20), watches one product and saves the right body', async () => {
    open([rule('online-drop')]);
    choose(m!.byTestId('rule-add-metric') as HTMLSelectElement, 'stock');
    update(() => m!.byTestId('rule-add')!.click());
    expect(words('stock-1')).toBe('剩余库存 低于 20');
    expect(picker('stock-1')!.value).toBe('');
    choose(picker('stock-1')!, 'p1');
    type(inCard<HTMLInputElement>('stock-1', 'rule-threshold')!, '100000');
    type(inCard<HTMLInputElement>('stock-1', 'rule-action')!, '{商品名}只剩{库存}件');
    expect(words('stock-1')).toBe('剩余库存（保温杯） 低于 100000');
    update(() => useUiStore.getState().setLang('en'));
    expect(words('stock-1')).toBe('Stock left (保温杯) below 100000');
    await save();
    const added = sentBody().find((r) => r.id === 'stock-1')!;
    expect(added).toEqual({
      id: 'stock-1',
      name: '剩余库存',
      enabled: true,
      metric: 'stock',
      condition: { kind: 'below', value: 100000 },
      forSeconds: 30,
      keepFiringForSeconds: 30,
      cooldownSeconds: 300,
      severity: 'warning',
      minSample: 0,
      action: '{商品名}只剩{库存}件',
      productId: 'p1',
    });
  });

  it('shows the shared rulesProblem() and sends nothing: a product on a room metric', async () => {
    open([{ ...rule('online-drop'), productId: 'p1' }, rule('click-rate-drop')]);
    // The misplaced product shows, so it can be cleared: a room metric reads "整个直播间" there.
    expect(optionTexts(picker('online-drop')!)[0]).toBe('整个直播间');
    await save(); // nothing edited yet: Save is disabled
    type(inCard<HTMLInputElement>('online-drop', 'rule-name')!, '在线骤降');
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    const error = m!.byTestId('rules-error')!;
    expect(error.dataset.code).toBe('rule_not_per_product');
    expect(error.textContent).toContain('规则有误，未保存');
    expect(error.textContent).toContain('在线骤降: 这是整个直播间的指标，不能指定商品');
    expect(error.textContent).toContain('rule online-drop: online is a room metric; drop productId');
    expect(card('online-drop').classList.contains('flagged')).toBe(true);
    expect(picker('online-drop')!.getAttribute('aria-invalid')).toBe('true');
    expect(card('click-rate-drop').classList.contains('flagged')).toBe(false);

    choose(picker('online-drop')!, '');
    expect(m!.byTestId('rules-error')).toBeNull();
    await save();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(sentBody().find((r) => r.id === 'online-drop')).not.toHaveProperty('productId');
  });

  it('shows the shared rulesProblem() and sends nothing: stock without a threshold', async () => {
    const stockDrop: AlertRule = {
      ...rule('online-drop'),
      id: 'stock-drop',
      name: '库存下降',
      metric: 'stock',
      productId: 'p1',
      condition: { kind: 'drop', pct: 0.5, baselineMinutes: 5 },
    };
    open([rule('online-drop'), stockDrop]);
    type(inCard<HTMLInputElement>('online-drop', 'rule-for')!, '25');
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    const error = m!.byTestId('rules-error')!;
    expect(error.dataset.code).toBe('invalid_condition');
    expect(error.textContent).toContain('库存下降: 库存只能按阈值判断（低于/高于）');
    expect(card('stock-drop').classList.contains('flagged')).toBe(true);
    update(() => inCard<HTMLButtonElement>('stock-drop', 'rule-delete')!.click());
    await save();
    expect(sentBody().map((r) => r.id)).toEqual(['online-drop']);
  });
});
