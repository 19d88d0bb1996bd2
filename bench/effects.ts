// npm run bench effects: the effect ledger's estimator on simulated sessions with planted effects of known size
// and actions with no effect. Tuning seeds and held-out seeds are apart; judged on the held-out sessions: the
// 95 % interval covers the true effect ≥ 90 % of the time, the bias is ≤ 20 % of the effect, and actions with
// no effect read 不确定 or ~0 ≥ 90 % of the time. The peer is the same estimator without the control products
// (pre-level only), to show what the difference in differences buys when traffic drifts.

import { POST_MINUTES } from '../server/effects/estimate.ts';
import { type ActionInput, ledgerRows, type MinuteData } from '../server/effects/ledger.ts';
import { type ActionKind, targetMetric } from '../shared/effects.ts';
import { fmt, type Row } from './lib.ts';

const KINDS: ActionKind[] = ['pin', 'flash_sale', 'coupon', 'lucky_bag', 'boost_on', 'explain', 'cue'];
const PRODUCTS = ['p1', 'p2', 'p3', 'p4'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, rand: () => number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss(rand)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

interface Planted {
  action: ActionInput;
  truth: number;
}

/** A 100-minute session: common traffic drift (trend and a slow wave), per-product rates, Poisson minutes,
 * and 5 actions 18 minutes apart, each with a planted lift on its target figure for POST_MINUTES, or none. */
export function simulateSession(seed: number): { minutes: MinuteData[]; planted: Planted[] } {
  const rand = rng(seed);
  const n = 100;
  const slope = (rand() - 0.5) * 0.02;
  const wave = rand() * 0.3;
  const drift = (t: number) => Math.exp(slope * t + wave * Math.sin(t / 15));
  const rates = PRODUCTS.map(() => ({
    exp: 250 + rand() * 250,
    click: 0.05 + rand() * 0.1,
    order: 0.08 + rand() * 0.12,
  }));
  const planted: Planted[] = [];
  for (let k = 0; k < 5; k++) {
    const at = 12 + k * 18 + Math.floor(rand() * 4);
    const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
    const productId = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!;
    const truth = rand() < 0.5 ? 0 : (rand() < 0.8 ? 1 : -1) * (0.15 + rand() * 0.35);
    planted.push({ action: { ts: at * 60_000 + 20_000, kind, productId, note: null }, truth });
  }
  const lift = (t: number, metric: string, product: string | null) => {
    let f = 1;
    for (const p of planted) {
      const at = p.action.ts / 60_000;
      const m = targetMetric(p.action.kind, true);
      if (m !== metric || t <= Math.floor(at) || t > Math.floor(at) + POST_MINUTES) continue;
      if (product !== null && p.action.productId !== product) continue;
      f *= 1 + p.truth;
    }
    return f;
  };
  const minutes: MinuteData[] = [];
  for (let t = 0; t < n; t++) {
    const d = drift(t);
    const products: MinuteData['products'] = {};
    PRODUCTS.forEach((id, i) => {
      const r = rates[i]!;
      const exposures = poisson(r.exp * d, rand);
      const clicks = poisson(exposures * r.click * lift(t, 'clickRate', id), rand);
      const orders = poisson(clicks * r.order * lift(t, 'clickToOrder', id), rand);
      const gmv = poisson(orders * 8 * lift(t, 'gmvPerMin', id), rand) * 10;
      products[id] = { exposures, clicks, orders, gmv, price: 80 };
    });
    const online = Math.round(2000 * d * lift(t, 'online', null) * (1 + 0.02 * gauss(rand)));
    const entries = poisson(150 * d * lift(t, 'entriesPerMin', null), rand);
    minutes.push({ minute: t * 60_000, online, entries, explaining: null, products });
  }
  return { minutes, planted };
}

export function judge(seeds: number[], withControl = true) {
  let covered = 0;
  let all = 0;
  let nulls = 0;
  let nullQuiet = 0;
  let err = 0;
  let size = 0;
  let effects = 0;
  let found = 0;
  for (const seed of seeds) {
    const { minutes, planted } = simulateSession(seed);
    const rows = ledgerRows(
      minutes,
      planted.map((p) => p.action),
      withControl,
    );
    rows.forEach((r, i) => {
      const truth = planted[i]!.truth;
      const { relative, low, high, verdict } = r.effect;
      all++;
      if (low !== null && high !== null && low <= truth && truth <= high) covered++;
      if (truth === 0) {
        nulls++;
        if (verdict === 'uncertain' || verdict === 'flat') nullQuiet++;
      } else if (relative !== null) {
        effects++;
        err += relative - truth;
        size += Math.abs(truth);
        if (verdict === (truth > 0 ? 'up' : 'down')) found++;
      }
    });
  }
  return {
    coverage: covered / all,
    bias: Math.abs(err) / size,
    nullQuiet: nullQuiet / nulls,
    power: found / effects,
    n: all,
  };
}

const TUNING = Array.from({ length: 40 }, (_, i) => i + 1);
const HELD_OUT = Array.from({ length: 200 }, (_, i) => 10_001 + i);

export function benchEffects(): Row[] {
  const tune = judge(TUNING);
  const held = judge(HELD_OUT);
  const peer = judge(HELD_OUT, false);
  return [
    {
      name: `tuning sessions (${TUNING.length}): coverage / bias / nulls quiet`,
      value: `${fmt(tune.coverage, 3)} / ${fmt(tune.bias, 3)} / ${fmt(tune.nullQuiet, 3)}`,
    },
    { name: `held-out actions (${held.n}, ${HELD_OUT.length} sessions)`, value: fmt(held.n) },
    {
      name: 'interval covers the true effect',
      value: fmt(held.coverage, 3),
      target: '≥ 0.90',
      pass: held.coverage >= 0.9,
    },
    { name: 'bias / mean effect size', value: fmt(held.bias, 3), target: '≤ 0.20', pass: held.bias <= 0.2 },
    {
      name: 'no-effect actions read 不确定 or ~0',
      value: fmt(held.nullQuiet, 3),
      target: '≥ 0.90',
      pass: held.nullQuiet >= 0.9,
    },
    { name: 'planted effects read in their direction (power)', value: fmt(held.power, 3) },
    {
      name: 'peer without control products: coverage / bias',
      value: `${fmt(peer.coverage, 3)} / ${fmt(peer.bias, 3)}`,
    },
  ];
}
