// Session shapes: how a session's audience moves over its length, on top of the ramp and waves (a multiplier of
// the target online, by the share of the session gone). Past sessions of one room share a shape; the forecast
// bench tunes on some shapes and judges on the others.

export const SESSION_SHAPES = ['steady', 'latePeak', 'doubleHump', 'slowStart', 'earlyPeak', 'dip'] as const;
export type SessionShape = (typeof SESSION_SHAPES)[number];

/** The multiplier at `frac` (0..1) of the session. */
export function shapeFactor(shape: SessionShape, frac: number): number {
  const f = Math.min(1, Math.max(0, frac));
  switch (shape) {
    case 'steady':
      return 1;
    case 'latePeak':
      return 0.7 + 0.7 * f * f;
    case 'doubleHump':
      return 0.8 + 0.35 * Math.sin(2 * Math.PI * 2 * f) ** 2;
    case 'slowStart':
      // A third of the session to fill up.
      return 0.25 + 0.75 * Math.min(1, f / 0.33);
    case 'earlyPeak':
      return f < 0.15 ? 1.5 : 1.5 - 0.9 * Math.min(1, (f - 0.15) / 0.5);
    case 'dip':
      // A quarter of the audience gone for a tenth of the session, from 40 %.
      return f >= 0.4 && f < 0.5 ? 0.55 : 1;
  }
}

/** A SimulatorOptions.shape for a session of `durationMs`. */
export function shapeOver(shape: SessionShape, durationMs: number): (offsetMs: number) => number {
  return (off) => shapeFactor(shape, off / durationMs);
}
