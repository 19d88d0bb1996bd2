// @vitest-environment jsdom
// The rules drawer with real stores and a fake fetch: it lists every rule in words, checks a draft before
// sending, sends the seat token, leaves the store to the bridge, and shows a refusal with its code.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RuleEditor } from '../../client/src/features/rules/rule-editor.tsx';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { changeRules, useRulesStore } from '../../client/src/stores/rules-store.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import type { AlertRule } from '../../shared/alerts.ts';
import type { Seat } from '../../shared/protocol.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

const XSS = '<img src=x onerror=window.__xss=1>';
let m: Mounted | null = null;
let fetchMock: ReturnType<typeof vi.fn>;

function open(seat: Seat, rules: AlertRule[] = DEFAULT_RULES) {
  update(() => {
    useRoomStore.setState({ seat });
    useRulesStore.setState({ rules });
  });
  m = mount(<RuleEditor roomId="r1" onClose={() => {}} />);
  return m;
}
const card = (id: string) => m!.host.querySelector<HTMLElement>(`[data-testid="rule-item"][data-rule="${id}"]`)!;
const inCard = <T extends HTMLElement>(id: string, testId: string) =>
  card(id).querySelector<T>(`[data-testid="${testId}"]`)!;
function type(el: HTMLInputElement, value: string) {
  update(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const save = () => act(async () => m!.byTestId('rules-save')!.click());
const answer = (status: number, body: unknown) =>
  fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(body), { status }));

beforeEach(() => {
  resetStores();
  useUiStore.setState({ lang: 'zh' });
  window.history.replaceState(null, '', '/?room=r1&seat=controller');
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  m?.unmount();
  m = null;
  vi.unstubAllGlobals();
});

describe('rule editor', () => {
  it('lists every rule with its condition in words, timings, severity, sample and 话术', () => {
    open('controller');
    expect(m!.host.querySelectorAll('[data-testid="rule-item"]')).toHaveLength(DEFAULT_RULES.length);
    expect(inCard('online-drop', 'rule-condition').textContent).toBe('在线人数 较前5分钟下降 ≥30%');
    expect(inCard('explain-no-orders', 'rule-condition').textContent).toContain('高于 180');
    expect(inCard<HTMLInputElement>('online-drop', 'rule-for').value).toBe('20');
    expect(inCard<HTMLInputElement>('online-drop', 'rule-keep').value).toBe('30');
    expect(inCard<HTMLInputElement>('online-drop', 'rule-cooldown').value).toBe('300');
    expect(inCard<HTMLInputElement>('online-drop', 'rule-min-sample').value).toBe('20');
    expect(inCard<HTMLSelectElement>('online-drop', 'rule-severity').value).toBe('critical');
    expect(inCard<HTMLInputElement>('online-drop', 'rule-action').value).toContain('福袋');
    update(() => useUiStore.getState().setLang('en'));
    expect(inCard('online-drop', 'rule-condition').textContent).toBe('Online falls ≥30% vs the previous 5 min');
  });

  it('saves as the page seat (its cookie) and leaves the store to the broadcast', async () => {
    open('controller');
    type(inCard('online-drop', 'rule-pct'), '40');
    update(() => inCard<HTMLInputElement>('negative-surge', 'rule-enabled').click());
    expect(inCard('online-drop', 'rule-condition').textContent).toContain('≥40%');
    answer(200, { rules: DEFAULT_RULES.length });
    await save();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/rooms/r1/alert-rules');
    expect(init).toMatchObject({ method: 'PUT', headers: { 'x-live-seat': 'controller' } }); // the seat cookie goes by itself
    const sent = JSON.parse(init.body) as AlertRule[];
    expect(sent.find((r) => r.id === 'online-drop')!.condition).toEqual({ kind: 'drop', pct: 0.4, baselineMinutes: 5 });
    expect(sent.find((r) => r.id === 'negative-surge')!.enabled).toBe(false);
    expect(useRulesStore.getState().rules).toBe(DEFAULT_RULES); // the component wrote nothing
    update(() => changeRules({ rules: sent, by: 'controller', at: 1 })); // the echo, as the bridge writes it
    expect(m!.byTestId('rules-save')!.hasAttribute('disabled')).toBe(true); // draft dropped: nothing to save
    expect(inCard('online-drop', 'rule-condition').textContent).toContain('≥40%');
  });

  it('refuses an invalid draft on the client: names the field, sends nothing', async () => {
    open('controller');
    type(inCard('online-drop', 'rule-for'), '-1');
    type(inCard('watch-drop', 'rule-pct'), '0');
    await save();
    expect(fetchMock).not.toHaveBeenCalled();
    const error = m!.byTestId('rules-error')!;
    expect(error.dataset.code).toBe('invalid_draft');
    expect(error.textContent).toContain('有 2 处需要修改');
    expect(error.textContent).toContain('持续须为 0–3600 的整数');
    expect(inCard('online-drop', 'rule-for').getAttribute('aria-invalid')).toBe('true');
    type(inCard('online-drop', 'rule-for'), '20'); // fixing a field clears its mark at once
    expect(inCard('online-drop', 'rule-for').getAttribute('aria-invalid')).toBe('false');
  });

  it('shows a refused save with the server code and message, and the stored rules stay', async () => {
    open('assistant');
    type(inCard('online-drop', 'rule-name'), '改名');
    answer(403, { statusCode: 403, code: 'forbidden', message: 'the viewer token may not do this' });
    await save();
    const error = m!.byTestId('rules-error')!;
    expect(error.dataset.code).toBe('forbidden');
    expect(error.textContent).toContain('服务器拒绝保存');
    expect(error.textContent).toContain('the viewer token may not do this');
    expect(useRulesStore.getState().rules).toBe(DEFAULT_RULES);
    expect(inCard<HTMLInputElement>('online-drop', 'rule-name').value).toBe('改名'); // the draft is kept to fix
  });

  it('adds a rule with a default condition and deletes one', async () => {
    open('controller');
    const metric = m!.byTestId('rule-add-metric') as HTMLSelectElement;
    update(() => {
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(metric, 'conversionRate');
      metric.dispatchEvent(new Event('change', { bubbles: true }));
    });
    update(() => m!.byTestId('rule-add')!.click());
    expect(inCard('conversionRate-1', 'rule-condition').textContent).toBe('成交转化率 较前10分钟下降 ≥30%');
    update(() => inCard('source-down', 'rule-delete').click());
    answer(200, { rules: DEFAULT_RULES.length });
    await save();
    const sent = JSON.parse(fetchMock.mock.calls[0]![1].body) as AlertRule[];
    expect(sent.map((r) => r.id)).toContain('conversionRate-1');
    expect(sent.map((r) => r.id)).not.toContain('source-down');
    expect(sent.find((r) => r.id === 'conversionRate-1')).toMatchObject({ minSample: 30, enabled: true });
  });

  it('is read-only for the viewer and renders hostile names as text', () => {
    open('viewer', [{ ...DEFAULT_RULES[0]!, name: XSS, action: XSS }]);
    expect(m!.host.querySelectorAll('input:not([type="checkbox"]), select')).toHaveLength(0);
    expect(m!.byTestId('rules-save')).toBeNull();
    expect(inCard('online-drop', 'rule-name').textContent).toBe(XSS);
    expect(m!.host.querySelector('img')).toBeNull();
    expect(m!.host.textContent).toContain('只读');
  });
});
