// @vitest-environment jsdom
// Escalated cues on the alert panel, fed through the real bridge from a fake socket: an urgent cue the 助播
// sent (no alert behind it) that the host has not acknowledged shows in the 场控's block with its text, sender
// and room-time age, and leaves it once acknowledged; the escalation chimes once, never when muted; cancel
// sends cue:cancel and shows a refusal.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chime } from '../../client/src/lib/chime.ts';
import { useUiStore } from '../../client/src/stores/ui-store.ts';
import { AlertPanel } from '../../client/src/widgets/alerts/alert-panel.tsx';
import type { Cue } from '../../shared/cues.ts';
import type { Seat } from '../../shared/protocol.ts';
import { CLICK_TO_ORDER_EVIDENCE } from '../fixtures/evidence.ts';
import { startFakeBridge } from './fake-bridge.ts';
import type { FakeSocket } from './fake-socket.ts';
import { cueOf as baseCue } from './fixtures/cue.ts';
import { roomState, snapshotMessage } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

vi.mock('../../client/src/lib/chime.ts', () => ({ chime: vi.fn() }));

const TS = roomState().ts;
const cueOf = (over: Partial<Cue> = {}): Cue =>
  baseCue({
    text: '<b>马上上链接</b>',
    priority: 'urgent',
    from: 'assistant',
    status: 'shown',
    sentAt: TS - 42_000,
    deliveredAt: TS - 41_000,
    shownAt: TS - 41_000,
    ...over,
  });

let m: Mounted | null = null;
let socket: FakeSocket;
let stop: () => void;

function open(seat: Seat, cues: Cue[] = [cueOf()]) {
  update(() => socket.serve('room:snapshot', { ...snapshotMessage(5), seat, cues }));
  m = mount(<AlertPanel />);
}
const updated = (over: Partial<Cue>) => update(() => socket.serve('cue:updated', { cue: cueOf(over) }));
const rows = () => [...m!.host.querySelectorAll<HTMLElement>('[data-testid="escalated-cue"]')];

beforeEach(() => {
  resetStores();
  vi.mocked(chime).mockClear();
  ({ socket, stop } = startFakeBridge());
});
afterEach(() => {
  m?.unmount();
  m = null;
  stop();
});

describe('escalated cues on the alert panel', () => {
  it("shows the 助播's escalated cue to the 场控 as text, with sender and age, until the host acknowledges", () => {
    open('controller');
    expect(m!.byTestId('escalated-cues')).toBeNull();
    expect(m!.host.querySelector('.calm')).not.toBeNull();
    updated({ escalatedAt: TS - 22_000 });
    const [row] = rows();
    expect(row!.querySelector('.escalated-text')?.textContent).toBe('⚠ <b>马上上链接</b>');
    expect(row!.querySelector('b')).toBeNull();
    expect(row!.querySelector('.from')?.textContent).toBe('助播');
    // Age on the room clock (the fixture's state.ts), not the screen's.
    expect(row!.querySelector('.ago')?.textContent).toBe('42 秒前');
    expect(row!.querySelector('[data-testid="cue-status"]')?.getAttribute('data-status')).toBe('shown');
    // "All is well" would contradict the warning.
    expect(m!.host.querySelector('.calm')).toBeNull();
    updated({ escalatedAt: TS - 22_000, status: 'acked', ackedAt: TS });
    expect(m!.byTestId('escalated-cues')).toBeNull();
  });

  it("shows a forwarded alert's evidence under the cue, in words", () => {
    open('controller');
    const evidence = CLICK_TO_ORDER_EVIDENCE;
    updated({ escalatedAt: TS - 22_000, alertId: 'order-rate-drop-1', evidence });
    expect(rows()[0]!.querySelector('[data-testid="escalated-evidence"]')?.textContent).toBe(
      '依据: 点击-下单 3.1%（平时 5.6%，近2分钟 412 次点击）',
    );
    updated({ id: 'c1', escalatedAt: TS - 22_000 });
    expect(rows()[0]!.querySelector('[data-testid="escalated-evidence"]')).toBeNull();
  });

  it('lists newest escalation first and drops cancelled or expired ones', () => {
    open('assistant', [cueOf(), cueOf({ id: 'c2', text: '第二条', from: 'controller' })]);
    updated({ escalatedAt: TS - 20_000 });
    update(() => socket.serve('cue:updated', { cue: cueOf({ id: 'c2', text: '第二条', escalatedAt: TS - 5_000 }) }));
    expect(rows().map((r) => r.dataset.cue)).toEqual(['c2', 'c1']);
    updated({ escalatedAt: TS - 20_000, status: 'expired', expiredAt: TS });
    expect(rows().map((r) => r.dataset.cue)).toEqual(['c2']);
  });

  it('is not shown to a viewer', () => {
    open('viewer');
    updated({ escalatedAt: TS });
    expect(m!.byTestId('escalated-cues')).toBeNull();
  });

  it('chimes once when a cue newly escalates, not on its later updates', () => {
    open('controller');
    updated({ deliveredAt: TS });
    expect(chime).not.toHaveBeenCalled();
    updated({ escalatedAt: TS });
    expect(chime).toHaveBeenCalledTimes(1);
    expect(chime).toHaveBeenCalledWith('critical');
    updated({ escalatedAt: TS, shownAt: TS + 1_000 });
    updated({ escalatedAt: TS, status: 'acked', ackedAt: TS + 2_000 });
    expect(chime).toHaveBeenCalledTimes(1);
  });

  it('does not chime when muted, nor on the host or viewer screens', () => {
    open('controller');
    update(() => useUiStore.getState().setMuted(true));
    updated({ escalatedAt: TS });
    update(() => useUiStore.getState().setMuted(false));
    for (const seat of ['host', 'viewer'] as const) {
      update(() => socket.serve('room:snapshot', { ...snapshotMessage(6), seat, cues: [cueOf({ id: seat })] }));
      update(() => socket.serve('cue:updated', { cue: cueOf({ id: seat, escalatedAt: TS }) }));
    }
    expect(chime).not.toHaveBeenCalled();
  });

  it('cancels with cue:cancel and shows the refusal', async () => {
    open('controller');
    updated({ escalatedAt: TS });
    update(() => m!.byTestId('escalated-cancel')!.click());
    const [req] = socket.requests('cue:cancel');
    expect(req!.payload).toEqual({ cueId: 'c1' });
    const refusal = { ok: false, error: { code: 'not_open', message: 'cue is not open' } };
    await act(async () => req!.ack!(refusal));
    expect(rows()[0]!.querySelector('.error')?.textContent).toBe('cue is not open');
  });
});
