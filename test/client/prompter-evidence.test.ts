// @vitest-environment jsdom
// The host's prompter, fed through the real bridge from a fake socket: a cue forwarded from an alert shows the
// alert's evidence in words under its line (in the screen's language); a cue typed by hand shows none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mountPrompterView } from '../../client/src/features/prompter/prompter-view.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import type { Cue } from '../../shared/cues.ts';
import { CLICK_TO_ORDER_EVIDENCE } from '../fixtures/evidence.ts';
import { startFakeBridge } from './fake-bridge.ts';
import type { FakeSocket } from './fake-socket.ts';
import { cueOf } from './fixtures/cue.ts';
import { roomState, snapshotMessage } from './fixtures/room-state.ts';
import { resetStores, update } from './render.tsx';

const _TS = roomState().ts;
const cue = cueOf;
const evidence = CLICK_TO_ORDER_EVIDENCE;

let socket: FakeSocket;
let stop: () => void;
let unmount: () => void;
let root: HTMLDivElement;

beforeEach(() => {
  resetStores();
  ({ socket, stop } = startFakeBridge());
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  unmount?.();
  stop();
  root.remove();
});

function show(c: Cue) {
  update(() => socket.serve('room:snapshot', { ...snapshotMessage(5), seat: 'host', cues: [c] }));
  unmount = mountPrompterView(root);
}

describe('prompter: why a cue came', () => {
  it("shows a forwarded alert's evidence under the line", () => {
    show(cue({ alertId: 'order-rate-drop-1', evidence }));
    expect(root.querySelector('.cue-text')?.textContent).toBe('限时秒杀，倒计时下单！');
    expect(root.querySelector('[data-testid="cue-evidence"]')?.textContent).toBe(
      '点击-下单 3.1%（平时 5.6%，近2分钟 412 次点击）',
    );
  });

  it('in the screen’s language', () => {
    update(() => useUiStore.getState().setLang('en'));
    show(cue({ alertId: 'order-rate-drop-1', evidence }));
    expect(root.querySelector('[data-testid="cue-evidence"]')?.textContent).toBe(
      'click→order 3.1% (usually 5.6%, last 2 min, 412 clicks)',
    );
  });

  it('shows none for a cue typed by hand', () => {
    show(cue());
    expect(root.querySelector('[data-testid="cue-card"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="cue-evidence"]')).toBeNull();
  });
});

describe('prompter: countdown and who sent what', () => {
  it('a queued cue keeps its whole countdown until shown, then counts from when it was shown', () => {
    show(cue({ countdownSeconds: 60, sentAt: Date.now() - 53_000 }));
    expect(root.querySelector('.countdown')?.textContent).toBe('60秒');
    unmount();
    show(cue({ countdownSeconds: 60, status: 'shown', shownAt: Date.now() - 10_000 }));
    expect(root.querySelector('.countdown')?.textContent).toMatch(/^(50|51)秒$/);
  });

  it('names the priority, the product and the sender in small type', () => {
    const product = roomState().products[0]!;
    show(cue({ priority: 'urgent', productId: product.id, from: 'assistant' }));
    expect(root.querySelector('[data-testid="cue-meta"]')?.textContent).toBe(`紧急 · ${product.name} · 来自 助播`);
  });
});
