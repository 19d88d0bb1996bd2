// HyperLogLog (Flajolet et al. 2007) with Ertl's improved estimator ("New cardinality estimation algorithms
// for HyperLogLog sketches", 2017): it needs no empirical bias tables and stays unbiased from tiny counts
// (where it behaves like linear counting) to billions, so there is no switch-over bump at 2.5 m where the
// classic estimator with the linear-counting correction is off by a few per cent.
// Standard error 1.04/√m: precision 14 → 16 KiB, ≈ 0.81 %; precision 16 → 64 KiB, ≈ 0.41 %.
import { hash32a, hash32b } from './hash.ts';

export const DEFAULT_HLL_PRECISION = 14;
/** The register index takes `precision` bits of the first hash; the rank comes from all 32 bits of the second,
 * so the sketch sees 46-50 bits of hash: no large-range correction is needed below ~2^40 keys. */
const RANK_BITS = 32;
const ALPHA_INF = 1 / (2 * Math.LN2);

export class HyperLogLog {
  readonly precision: number;
  private readonly m: number;
  private readonly registers: Uint8Array;
  /** How many registers hold each value 0..RANK_BITS+1, kept as registers change: the estimator reads only
   * this, so count() costs ~50 operations whatever the precision (the engine reads counts on every event). */
  private readonly histogram: Int32Array;
  private cached = 0;
  private dirty = false;

  constructor(precision = DEFAULT_HLL_PRECISION) {
    if (!Number.isInteger(precision) || precision < 4 || precision > 18) {
      throw new RangeError(`HyperLogLog precision must be an integer in 4..18, got ${precision}`);
    }
    this.precision = precision;
    this.m = 1 << precision;
    this.registers = new Uint8Array(this.m);
    this.histogram = new Int32Array(RANK_BITS + 2);
    this.histogram[0] = this.m;
  }

  /** Returns true when a register grew: the key was certainly not seen before. False means "probably seen"
   * (a new key whose rank does not beat its register also returns false). */
  add(key: string): boolean {
    const index = hash32a(key) >>> (32 - this.precision);
    const w = hash32b(key);
    const rank = w === 0 ? RANK_BITS + 1 : Math.clz32(w) + 1;
    const old = this.registers[index]!;
    if (rank <= old) return false;
    this.registers[index] = rank;
    this.histogram[old]!--;
    this.histogram[rank]!++;
    this.dirty = true;
    return true;
  }

  count(): number {
    if (this.dirty) {
      this.cached = Math.round(estimate(this.histogram, this.m));
      this.dirty = false;
    }
    return this.cached;
  }

  get bytes(): number {
    return this.registers.byteLength + this.histogram.byteLength;
  }

  /** Registers as base64 (the histogram is derived from them), plus the cached estimate. */
  checkpoint(): HllCheckpoint {
    return { registers: Buffer.from(this.registers).toString('base64'), cached: this.cached, dirty: this.dirty };
  }

  static restore(s: HllCheckpoint, precision: number): HyperLogLog {
    const hll = new HyperLogLog(precision);
    const bytes = Buffer.from(s.registers, 'base64');
    if (bytes.length !== hll.m) throw new RangeError(`HLL checkpoint has ${bytes.length} registers, want ${hll.m}`);
    hll.registers.set(bytes);
    hll.histogram.fill(0);
    for (const r of hll.registers) hll.histogram[r]!++;
    hll.cached = s.cached;
    hll.dirty = s.dirty;
    return hll;
  }
}

export interface HllCheckpoint {
  registers: string;
  cached: number;
  dirty: boolean;
}

/** Ertl 2017, algorithm 6 (improved raw estimator), with q = RANK_BITS. */
function estimate(c: Int32Array, m: number): number {
  let z = m * tau(1 - c[RANK_BITS + 1]! / m);
  for (let k = RANK_BITS; k >= 1; k--) z = 0.5 * (z + c[k]!);
  z += m * sigma(c[0]! / m);
  return (ALPHA_INF * m * m) / z;
}

function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let prev: number;
  do {
    x *= x;
    prev = z;
    z += x * y;
    y += y;
  } while (z !== prev);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let prev: number;
  do {
    x = Math.sqrt(x);
    prev = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  } while (z !== prev);
  return z / 3;
}
