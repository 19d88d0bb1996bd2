// Wall time enters the server only through a Clock, so tests and replays can drive time themselves.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
