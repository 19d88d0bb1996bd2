// What the engine tests share: a healthy test source, for `engine.state(seq, health)`.
import type { SourceHealth } from '../../../shared/state.ts';

export const health: SourceHealth = {
  kind: 'test',
  status: 'ok',
  lastEventAt: null,
  lastSuccessAt: null,
  lagMs: null,
  error: null,
};
