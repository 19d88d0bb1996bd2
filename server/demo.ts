// The built-in demo room: a simulated live-commerce room at real time, so `npm start` shows a moving console.

import type { Product } from '../shared/events.ts';
import type { App } from './app.ts';
import { createSource, type SimulatorConfig } from './sources/source-config.ts';
import type { RoomTokens } from './storage/rooms-repo.ts';

/** The demo opens on a room that has been live for 20 minutes: charts and hot words have history. */
const DEMO_WARMUP_MS = 20 * 60_000;

export async function startDemoRoom(
  { services, sources }: App,
  peakOnline: number,
): Promise<{ roomId: string; tokens: RoomTokens }> {
  const existing = services.rooms.findDemo();
  const roomId = existing?.id ?? services.rooms.create('演示直播间 · Demo room', services.clock.now(), true).room.id;
  const runtime = services.runtime(roomId)!;
  // A fresh seed per start: each run of the demo is a new stream, not a repeat of the stored one.
  const config: SimulatorConfig = {
    kind: 'simulator',
    seed: services.clock.now() % 100_000,
    speed: 1,
    peakOnline,
    warmupMs: DEMO_WARMUP_MS,
  };
  const { source, catalogue } = createSource(config, services.clock);
  services.rooms.setProducts(roomId, catalogue as Product[]);
  runtime.engine.setCatalogue(catalogue as Product[]);
  services.rooms.setSource(roomId, config);
  if (source) await sources.attach(runtime, source);
  return { roomId, tokens: services.rooms.tokens(roomId) };
}
