// Wall time enters the server only through a Clock, so tests and replays can drive time themselves.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Timers the realtime layer schedules deliveries with; tests pass a queue they run as they move a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  setInterval(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};
