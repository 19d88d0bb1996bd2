// Prometheus metrics. One registry per app instance, so tests can build several apps in one process.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    eventsAccepted: new Counter({
      name: 'live_events_accepted_total',
      help: 'Events accepted into a room (durably stored, not duplicates)',
      labelNames: ['room'],
      registers,
    }),
    eventsRejected: new Counter({
      name: 'live_events_rejected_total',
      help: 'Events rejected at the ingest edge, by reason code',
      labelNames: ['room', 'code'],
      registers,
    }),
    roomLag: new Gauge({
      name: 'live_room_lag_seconds',
      help: 'Wall time minus the latest event time, per room',
      labelNames: ['room'],
      registers,
    }),
    screens: new Gauge({
      name: 'live_connected_screens',
      help: 'Connected socket.io screens by seat',
      labelNames: ['seat'],
      registers,
    }),
    tickDuration: new Histogram({
      name: 'live_tick_duration_seconds',
      help: 'Time to compute and emit one tick for all loaded rooms',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
