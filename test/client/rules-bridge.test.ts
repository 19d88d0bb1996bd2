// The bridge is the only writer of the rules store: from the snapshot (join, resync) and from alert:rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBridge } from '../../client/src/lib/bridge.ts';
import { resetConnectionStore } from '../../client/src/stores/connection-store.ts';
import { resetRulesStore, useRulesStore } from '../../client/src/stores/rules-store.ts';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import { FakeSocket } from './fake-socket.ts';
import { snapshotMessage } from './fixtures/room-state.ts';

let socket: FakeSocket;
let stop: () => void;

beforeEach(() => {
  resetConnectionStore();
  resetRulesStore();
  socket = new FakeSocket();
  stop = startBridge(socket.asBridgeSocket(), () => 1_000_000);
});
afterEach(() => stop());

const edited = DEFAULT_RULES.map((r) => (r.id === 'online-drop' ? { ...r, enabled: false } : r));

describe('bridge: alert rules', () => {
  it('takes the rules from the snapshot, then each broadcast change with who made it', () => {
    expect(useRulesStore.getState().rules).toBeNull();
    socket.serve('room:snapshot', { ...snapshotMessage(5), rules: DEFAULT_RULES });
    expect(useRulesStore.getState()).toMatchObject({ rules: DEFAULT_RULES, changedBy: null });
    socket.serve('alert:rules', { rules: edited, by: 'assistant', at: 42 });
    expect(useRulesStore.getState()).toMatchObject({ rules: edited, changedBy: 'assistant', changedAt: 42 });
  });

  it('a periodic snapshot repeating the same rules keeps the array, so an open draft is not marked outdated', () => {
    socket.serve('room:snapshot', { ...snapshotMessage(5), rules: DEFAULT_RULES });
    const first = useRulesStore.getState().rules;
    socket.serve('room:snapshot', { ...snapshotMessage(6), rules: structuredClone(DEFAULT_RULES) });
    expect(useRulesStore.getState().rules).toBe(first);
    socket.serve('room:snapshot', { ...snapshotMessage(7), rules: edited });
    expect(useRulesStore.getState().rules).toEqual(edited);
  });

  it('a snapshot without rules (an older server) leaves them as they were, not empty', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    expect(useRulesStore.getState().rules).toBeNull();
    socket.serve('alert:rules', { rules: edited, by: 'controller', at: 1 });
    socket.serve('room:snapshot', snapshotMessage(6));
    expect(useRulesStore.getState().rules).toEqual(edited);
  });

  it('stops listening when detached', () => {
    stop();
    socket.serve('alert:rules', { rules: edited, by: 'controller', at: 1 });
    expect(useRulesStore.getState().rules).toBeNull();
    stop = () => {};
  });
});
