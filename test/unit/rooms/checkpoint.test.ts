// A room restored from a checkpoint continues exactly like one that never stopped: fed the same tail of events
// and ticks, both show the same state at every step, raise the same alerts and end in the same internal state
// (every field, so a component that gains state without joining the checkpoint fails here).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import type { Tokenizer } from '../../../server/engine/tokenizer-types.ts';
import { decodeCheckpoint, encodeCheckpoint, type RoomCheckpoint } from '../../../server/rooms/room-checkpoint.ts';
import { RoomRuntime } from '../../../server/rooms/room-runtime.ts';
import { createSimulator } from '../../../server/sources/simulator/simulator.ts';
import type { LiveEvent, Product } from '../../../shared/events.ts';
import { objectState } from '../../helpers/object-state.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const CATALOGUE: Product[] = [
  { id: 'p1', name: '保温杯', price: 99, stock: 50 },
  { id: 'p2', name: '羽绒服', price: 399, stock: 5 },
];

/** A whitespace tokenizer: deterministic and fast; the real jieba one is covered by the simulator case. */
const spaceTokenizer = (): Tokenizer => ({
  tokenize: (t) => [...new Set(t.split(' ').filter(Boolean))],
  addWords: () => {},
});

type Op = { kind: 'events'; events: LiveEvent[] } | { kind: 'tick'; at: number };

const saved = new WeakMap<RoomRuntime, RoomCheckpoint>();

function newRuntime(tokenizer: Tokenizer, told: unknown[]): RoomRuntime {
  const listener = {
    alerts: (_r: string, e: unknown[]) => told.push(...e),
    cues: (_r: string, c: unknown[]) => told.push(...c),
  };
  const sink = { saveCheckpoint: (_r: string, cp: RoomCheckpoint) => saved.set(rt, cp) };
  const rt = new RoomRuntime('r', tokenizer, CATALOGUE, { putState: () => {} }, DEFAULT_RULES, listener, sink);
  return rt;
}

function feed(rt: RoomRuntime, ops: Op[], seq: { n: number }): void {
  for (const op of ops) {
    if (op.kind === 'tick') rt.tick(op.at);
    else
      rt.applyCommitted(
        op.events,
        op.events.map(() => ++seq.n),
      );
  }
}

/** Restores through the stored form (gzip + JSON), as a restart does. */
function restoredCopy(rt: RoomRuntime, tokenizer: Tokenizer, told: unknown[]): RoomRuntime {
  rt.saveCheckpoint();
  const cp = decodeCheckpoint(encodeCheckpoint(saved.get(rt)!), 'r');
  expect(cp).not.toBeNull();
  const copy = newRuntime(tokenizer, told);
  copy.restore(cp!);
  return copy;
}

/** Feeds the tail to both, comparing screens after every op and the whole internal state at the end. */
function expectSameFuture(a: RoomRuntime, b: RoomRuntime, tail: Op[], seqStart: number, told: [unknown[], unknown[]]) {
  const mark = told[0].length;
  expect(objectState(b)).toEqual(objectState(a));
  const sa = { n: seqStart };
  const sb = { n: seqStart };
  for (const op of tail) {
    feed(a, [op], sa);
    feed(b, [op], sb);
    const wall = op.kind === 'tick' ? op.at : (op.events.at(-1)?.ts ?? a.engine.now);
    expect(b.state(wall)).toEqual(a.state(wall));
  }
  expect(told[1]).toEqual(told[0].slice(mark));
  expect(objectState(b)).toEqual(objectState(a));
}

const user = fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', undefined);
const product = fc.constantFrom('p1', 'p2', 'p3');
const eventBody = fc.oneof(
  fc.record({ type: fc.constant('viewer_enter'), userId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5') }),
  fc.record({ type: fc.constant('viewer_leave'), userId: fc.constantFrom('u1', 'u2', 'u3') }),
  fc.record({ type: fc.constant('online_count'), count: fc.nat(5000) }),
  fc.record({ type: fc.constant('viewer_total'), count: fc.nat(50_000) }),
  fc.record({
    type: fc.constant('comment'),
    userId: user,
    text: fc.constantFrom('多少钱', '666 主播', '卡了 退款', 'a b c'),
  }),
  fc.record({ type: fc.constant('like'), count: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ type: fc.constant('follow'), userId: fc.constantFrom('u1', 'u2') }),
  fc.record({ type: fc.constant('gift'), value: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ type: fc.constant('product_exposure'), productId: product, userId: user }),
  fc.record({ type: fc.constant('product_click'), productId: product, userId: user }),
  fc.record({
    type: fc.constant('order_created'),
    orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
    productId: product,
    userId: user,
    amount: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({
    type: fc.constant('order_paid'),
    orderId: fc.constantFrom('o1', 'o2', 'o5'),
    amount: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ type: fc.constant('explain_start'), productId: product }),
  fc.record({ type: fc.constant('explain_end'), productId: product }),
  fc.record({ type: fc.constantFrom('session_start', 'session_end') }),
);
/** Steps of event time between ops: mostly small, sometimes minutes, rarely past the session gap. */
const step = fc.oneof(
  { weight: 8, arbitrary: fc.nat(3_000) },
  { weight: 2, arbitrary: fc.nat(120_000) },
  { weight: 1, arbitrary: fc.constant(11 * 60_000) },
);
const opSpec = fc.record({ dt: step, tick: fc.boolean(), bodies: fc.array(eventBody, { minLength: 1, maxLength: 4 }) });

function toOps(specs: { dt: number; tick: boolean; bodies: object[] }[]): Op[] {
  let t = T0;
  return specs.map(({ dt, tick, bodies }) => {
    t += dt;
    if (tick) return { kind: 'tick', at: t };
    return { kind: 'events', events: bodies.map((b) => JSON.parse(JSON.stringify({ ...b, ts: t })) as LiveEvent) };
  });
}

describe('room checkpoint', () => {
  it('a restored room continues exactly like one that never stopped (random streams and cut points)', () => {
    fc.assert(
      fc.property(fc.array(opSpec, { minLength: 2, maxLength: 120 }), fc.nat(), (specs, cutSeed) => {
        const ops = toOps(specs);
        const cut = cutSeed % ops.length;
        const told: [unknown[], unknown[]] = [[], []];
        const a = newRuntime(spaceTokenizer(), told[0]);
        const seq = { n: 0 };
        feed(a, ops.slice(0, cut), seq);
        const b = restoredCopy(a, spaceTokenizer(), told[1]);
        expectSameFuture(a, b, ops.slice(cut), seq.n, told);
      }),
      { numRuns: 150 },
    );
  });

  it('a simulated stream, restored at several points with the jieba tokenizer, raises the same alerts', async () => {
    // One jieba for all runtimes, as a server process has (building one costs ~0.5 s).
    const { createTokenizer } = await import('../../../server/engine/tokenizer.ts');
    const jieba = createTokenizer();
    const minutes = 12;
    const sim = createSimulator({ seed: 11, startTs: T0, peakOnline: 1500, durationMs: minutes * 60_000 });
    const ops: Op[] = [];
    for (let t = T0 + 1000; t <= T0 + (minutes + 3) * 60_000; t += 1000) {
      ops.push({ kind: 'events', events: sim.advance(t) }, { kind: 'tick', at: t });
    }
    const toldA: unknown[] = [];
    const a = newRuntime(jieba, toldA);
    const seq = { n: 0 };
    let at = 0;
    let alerts = 0;
    // Cut a few minutes in, and just before the room empties (the online-drop rule fires after it).
    for (const [cut, length] of [
      [240, 80],
      [2 * minutes * 60 - 20, 260],
    ] as const) {
      feed(a, ops.slice(at, cut), seq);
      const told: [unknown[], unknown[]] = [toldA, []];
      const b = restoredCopy(a, jieba, told[1]);
      const tail = ops.slice(cut, cut + length);
      expectSameFuture(a, b, tail, seq.n, told);
      seq.n += tail.reduce((n, o) => n + (o.kind === 'events' ? o.events.length : 0), 0);
      alerts += told[1].length;
      at = cut + length;
    }
    expect(alerts).toBeGreaterThan(0);
  }, 120_000);

  it('what people did (a cue sent, then acknowledged) is checkpointed at the next tick, so a restart keeps it', () => {
    const rt = newRuntime(spaceTokenizer(), []);
    rt.applyCommitted([{ type: 'like', ts: T0, count: 1 }], [1]);
    rt.tick(T0 + 100);
    const before = saved.get(rt);
    const cue = rt.cues.push({ text: '讲福袋', priority: 'urgent' }, '讲福袋', 'assistant', T0 + 200);
    rt.notePeopleChange();
    rt.tick(T0 + 300);
    expect(saved.get(rt)).not.toBe(before);
    rt.cues.ack(cue.id, T0 + 400);
    rt.notePeopleChange();
    rt.tick(T0 + 500);
    const copy = newRuntime(spaceTokenizer(), []);
    copy.restore(decodeCheckpoint(encodeCheckpoint(saved.get(rt)!), 'r')!);
    expect(copy.cues.get(cue.id)).toMatchObject({ status: 'acked', ackedAt: T0 + 400 });
  });

  it('a checkpoint of another version or room, or unreadable, is refused (the room then replays in full)', () => {
    const rt = newRuntime(spaceTokenizer(), []);
    const body = encodeCheckpoint(rt.checkpoint());
    expect(decodeCheckpoint(body, 'r')).not.toBeNull();
    expect(decodeCheckpoint(body, 'other')).toBeNull();
    expect(decodeCheckpoint(encodeCheckpoint({ ...rt.checkpoint(), version: 0 }), 'r')).toBeNull();
    expect(decodeCheckpoint(Buffer.from('not gzip'), 'r')).toBeNull();
  });
});

describe('sketch checkpoints', () => {
  it('a distinct counter past its exact limit (HyperLogLog) and a full Space-Saving continue identically', async () => {
    const { DistinctCounter } = await import('../../../server/engine/sketch/distinct-counter.ts');
    const { SpaceSaving } = await import('../../../server/engine/sketch/space-saving.ts');
    fc.assert(
      fc.property(
        fc.array(fc.nat(300), { maxLength: 400 }),
        fc.array(fc.nat(300), { maxLength: 200 }),
        (head, tail) => {
          const a = new DistinctCounter({ exactLimit: 20, precision: 8 });
          const sa = new SpaceSaving(5);
          for (const k of head) {
            a.add(`k${k}`);
            sa.add(`k${k % 40}`);
          }
          const b = new DistinctCounter({ exactLimit: 20, precision: 8 });
          b.restore(JSON.parse(JSON.stringify(a.checkpoint())));
          const sb = new SpaceSaving(5);
          sb.restore(JSON.parse(JSON.stringify(sa.checkpoint())));
          for (const k of tail) {
            expect(b.add(`k${k}`)).toBe(a.add(`k${k}`));
            sa.add(`k${k % 40}`);
            sb.add(`k${k % 40}`);
            expect(b.size).toBe(a.size);
          }
          expect(sb.top(5)).toEqual(sa.top(5));
          expect(objectState(b)).toEqual(objectState(a));
        },
      ),
    );
  });
});
