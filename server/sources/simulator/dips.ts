// Dips: the ground truth alert benchmarks and tests score against. A dip breaks one stage of the room, as in
// real rooms (a price objection hits click→order only, a weak card the click rate, ads stopping the arrivals),
// or the old all-at-once conversion dip; it starts at once or sinks over `rampMs` (gradual).

export const DIP_KINDS = [
  /** Viewers walk out: the target online falls by `depth` and the excess leaves within 1–2 minutes. */
  'retention',
  /** Fewer viewers arrive (ads stopped): arrivals fall by `depth`, online follows as stays end. */
  'arrivals',
  /** exposure → click falls by `depth`. */
  'clickRate',
  /** click → order falls by `depth` (orders of earlier clicks still come in). */
  'clickToOrder',
  /** order → paid falls by `depth`. */
  'payment',
  /** The original simulator's dip: click and order rates both fall by `depth`. */
  'conversion',
] as const;
export type DipKind = (typeof DIP_KINDS)[number];

export interface DipSpec {
  kind: DipKind;
  /** Offset from the start, ms. */
  atMs: number;
  durationMs: number;
  /** 0..1: the share of the stage's rate (or of online viewers) lost at full depth. */
  depth: number;
  /** Gradual: the factor sinks linearly to full depth over this long (default 0, sudden). */
  rampMs?: number;
}

/** Which funnel stage each kind breaks: the label an alert is scored against. */
export const DIP_STAGE: Record<DipKind, 'audience' | 'click' | 'order' | 'pay' | 'click+order'> = {
  retention: 'audience',
  arrivals: 'audience',
  clickRate: 'click',
  clickToOrder: 'order',
  payment: 'pay',
  conversion: 'click+order',
};

/** The multiplier of each stage at offset `off` ms: products of (1 − depth·ramp) over the active dips. */
export interface StageFactors {
  online: number;
  arrivals: number;
  click: number;
  order: number;
  pay: number;
}

export function stageFactors(dips: readonly DipSpec[], off: number): StageFactors {
  const f: StageFactors = { online: 1, arrivals: 1, click: 1, order: 1, pay: 1 };
  for (const d of dips) {
    if (off < d.atMs || off >= d.atMs + d.durationMs) continue;
    const ramp = d.rampMs && d.rampMs > 0 ? Math.min(1, (off - d.atMs) / d.rampMs) : 1;
    const m = 1 - Math.min(1, Math.max(0, d.depth)) * ramp;
    if (d.kind === 'retention') f.online *= m;
    else if (d.kind === 'arrivals') f.arrivals *= m;
    else if (d.kind === 'clickRate') f.click *= m;
    else if (d.kind === 'clickToOrder') f.order *= m;
    else if (d.kind === 'payment') f.pay *= m;
    else {
      f.click *= m;
      f.order *= m;
    }
  }
  return f;
}
