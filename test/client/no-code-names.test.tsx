// @vitest-environment jsdom
// No code names where a person reads: every seat's screen (big screen, 助播 console, prompter), in each state
// of its link (live, reconnecting, refused), with alerts of every kind and cues, and the CSV's header row, are
// scanned in Chinese mode for Latin identifiers (snake_case, camelCase, a lone lowercase word such as
// `unauthorized`) in their text and tooltips. Data the
// people typed (product names, barrage) is theirs and may be anything; the fixture's contains no identifiers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssistantConsole } from '../../client/src/features/assistant/assistant-console.tsx';
import { BigScreen } from '../../client/src/features/big-screen/big-screen.tsx';
import { mountPrompterView } from '../../client/src/features/prompter/prompter-view.ts';
import { echarts } from '../../client/src/lib/echarts.ts';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import { csvRows, minuteColumns, PRODUCT_COLUMNS } from '../../server/replay/csv-columns.ts';
import type { Alert } from '../../shared/alerts.ts';
import type { Seat } from '../../shared/protocol.ts';
import { CLICK_TO_ORDER_EVIDENCE } from '../fixtures/evidence.ts';
import { startFakeBridge } from './fake-bridge.ts';
import type { FakeSocket } from './fake-socket.ts';
import { cueOf } from './fixtures/cue.ts';
import { roomState, snapshotMessage } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

echarts.setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 9 }) });

const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g;
/** In Chinese mode a lone lowercase English word is a code too (`unauthorized`, `simulator`, `push`). */
const WORD = /(?<![A-Za-z])[a-z]{4,}(?![A-Za-z])/g;

/** Every identifier-looking token in the node's text and its people-facing attributes. */
function codeTokens(root: Element): string[] {
  const found: string[] = [];
  const scan = (s: string | null | undefined) => {
    if (!s) return;
    found.push(...(s.match(SNAKE) ?? []), ...(s.match(CAMEL) ?? []), ...(s.match(WORD) ?? []));
  };
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Chart internals (echarts' SVG ids, styles) are not read by people; the charts' labels are text nodes too.
    if (n.parentElement?.closest('style,script,defs')) continue;
    scan(n.textContent);
  }
  for (const el of root.querySelectorAll('[title],[placeholder],[aria-label]')) {
    scan(el.getAttribute('title'));
    scan(el.getAttribute('placeholder'));
    scan(el.getAttribute('aria-label'));
  }
  return [...new Set(found)];
}

const alerts = (): Alert[] => {
  const base = {
    severity: 'warning' as const,
    state: 'firing' as const,
    activeAt: roomState().ts - 60_000,
    firedAt: roomState().ts - 60_000,
    resolvedAt: null,
    action: '{商品名}只剩{库存}件',
    ackedAt: null,
    ackedBy: null,
    snoozedUntil: null,
  };
  return [
    {
      ...base,
      id: 'a1',
      ruleId: 'stock-low',
      name: '库存告急',
      metric: 'stock',
      productId: 'p1',
      value: 3,
      baseline: null,
    },
    { ...base, id: 'a2', ruleId: 'online-drop', name: '在线骤降', metric: 'online', value: 39, baseline: 186 },
    {
      ...base,
      id: 'a3',
      ruleId: 'order-rate-drop',
      name: '下单率下降',
      metric: 'clickToOrderRate',
      value: 0.031,
      baseline: 0.056,
      evidence: CLICK_TO_ORDER_EVIDENCE,
    },
    { ...base, id: 'a4', ruleId: 'source-down', name: '数据中断', metric: 'sourceDown', value: 1, baseline: null },
  ];
};

let socket: FakeSocket;
let stop: () => void;
let m: Mounted | null = null;

beforeEach(() => {
  resetStores();
  ({ socket, stop } = startFakeBridge());
});
afterEach(() => {
  m?.unmount();
  m = null;
  stop();
});

function feed(seat: Seat) {
  const cues = [
    cueOf({ id: 'c1', priority: 'urgent', countdownSeconds: 60, productId: 'p1', from: 'assistant' }),
    cueOf({ id: 'c2', alertId: 'a3', evidence: CLICK_TO_ORDER_EVIDENCE, status: 'shown', shownAt: roomState().ts }),
  ];
  update(() => {
    // The fixture's hostile names (an XSS test's) are people's data: plain Chinese ones here.
    const products = roomState().products.map((p, i) => ({ ...p, name: ['保温杯', '羽绒服', '精华液'][i] ?? '面膜' }));
    const recentComments = [{ ts: 1, userId: 'u1', text: '多少钱' }];
    const snap = snapshotMessage(5, { products, recentComments });
    socket.serve('room:snapshot', { ...snap, seat, alerts: alerts(), cues, rules: DEFAULT_RULES });
    useRoomStore.setState({ roomName: '店铺直播间' }); // as GET /api/rooms/:id answers
  });
}

/** The link's states a screen goes through: live, cut off (reconnecting), refused. */
function linkStates(check: (state: string) => void) {
  check('live');
  socket.connected = false;
  update(() => socket.serve('disconnect', 'transport close'));
  check('reconnecting');
  const refused = Object.assign(new Error('unauthorized'), {
    data: { code: 'unauthorized', message: 'unknown token' },
  });
  update(() => socket.serve('connect_error', refused));
  check('refused');
}

describe('no code names on screen (Chinese)', () => {
  it('big screen', () => {
    m = mount(<BigScreen roomId="r_test" />);
    feed('controller');
    linkStates((state) => expect(codeTokens(m!.host), state).toEqual([]));
  });

  it('助播 console', () => {
    m = mount(<AssistantConsole roomId="r_test" />);
    feed('assistant');
    linkStates((state) => expect(codeTokens(m!.host), state).toEqual([]));
  });

  it('主播 prompter', () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    feed('host');
    let unmount = mountPrompterView(root);
    try {
      linkStates((state) => {
        // The prompter redraws on the next animation frame: draw now by mounting again.
        unmount();
        unmount = mountPrompterView(root);
        expect(root.querySelector('[data-testid="prompter"]'), state).not.toBeNull();
        expect(codeTokens(root), state).toEqual([]);
      });
    } finally {
      unmount();
      root.remove();
    }
  });

  it('the CSV header row people read', () => {
    const header = (rows: unknown[][]) => (rows[0] as string[]).join(',');
    expect(header(csvRows([], minuteColumns('Asia/Shanghai'), 'zh')).match(SNAKE) ?? []).toEqual([]);
    expect(header(csvRows([], PRODUCT_COLUMNS, 'zh')).match(CAMEL) ?? []).toEqual([]);
    expect(header(csvRows([], minuteColumns('Asia/Shanghai'), 'zh')).match(CAMEL) ?? []).toEqual([]);
  });
});
