// The sequential detectors' state as plain JSON for engine checkpoints, restored exactly: class instances keep
// their class (rebuilt from its prototype, every field as saved), Maps their order, typed arrays their
// values, and non-finite numbers survive (JSON has no -Infinity). Only the classes listed here may appear.
import { CohortStage, ProductCohort } from './cohort-stage.ts';
import { Dispersion } from './dispersion.ts';
import { ExplainRates } from './explain-rates.ts';
import { HierBaseline } from './hier-baseline.ts';
import { LagCdf } from './lag-cdf.ts';
import { DepthCusum, MixtureCusum } from './mixture-cusum.ts';
import { RateBaseline } from './rate-baseline.ts';
import { RoomDetectors } from './room-detectors.ts';
import { Cusum } from './sequential-judge.ts';
import { SequentialRules } from './sequential-rules.ts';

const CLASSES: Record<string, { prototype: object }> = {
  CohortStage,
  ProductCohort,
  Dispersion,
  ExplainRates,
  HierBaseline,
  DepthCusum,
  MixtureCusum,
  LagCdf,
  RateBaseline,
  RoomDetectors,
  Cusum,
  SequentialRules,
};

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };

export function toPlain(v: unknown): Plain {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { __num: String(v) };
  if (v === null || v === undefined || typeof v !== 'object') return (v ?? null) as Plain;
  if (v instanceof Map) return { __map: [...v].map(([k, x]) => [toPlain(k), toPlain(x)]) };
  if (v instanceof Float64Array) return { __f64: [...v].map(toPlain) };
  if (Array.isArray(v)) return v.map(toPlain);
  const name = v.constructor?.name ?? 'Object';
  if (name !== 'Object' && !CLASSES[name]) throw new Error(`snapshot: ${name} is not listed`);
  const out: Record<string, Plain> = name === 'Object' ? {} : { __class: name };
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') out[k] = toPlain(x);
  return out;
}

export function fromPlain<T = unknown>(p: Plain): T {
  return revive(p) as T;
}

function revive(p: Plain): unknown {
  if (p === null || typeof p !== 'object') return p;
  if (Array.isArray(p)) return p.map(revive);
  if ('__num' in p) return Number(p.__num);
  if ('__map' in p) return new Map((p.__map as Plain[][]).map(([k, x]) => [revive(k!), revive(x!)]));
  if ('__f64' in p) return Float64Array.from((p.__f64 as Plain[]).map((x) => revive(x) as number));
  const cls = typeof p.__class === 'string' ? CLASSES[p.__class] : undefined;
  const out: Record<string, unknown> = cls ? Object.create(cls.prototype) : {};
  for (const [k, x] of Object.entries(p)) if (k !== '__class') out[k] = revive(x);
  return out;
}
