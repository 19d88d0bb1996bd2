// The built-in demo room: a simulated live-commerce room at real time, so `npm start` shows a moving console.

import type { App } from './app.ts';
import type { SimulatorConfig } from './sources/source-config.ts';
import type { RoomTokens } from './storage/ports.ts';

/** The demo opens on a room that has been live for 20 minutes: charts and hot words have history. */
const DEMO_WARMUP_MS = 20 * 60_000;

export async function startDemoRoom(
  { services, roomSources }: App,
  peakOnline: number,
): Promise<{ roomId: string; tokens: RoomTokens }> {
  const existing = await services.rooms.findDemo();
  const roomId =
    existing?.id ?? (await services.rooms.create('演示直播间 · Demo room', services.clock.now(), true)).room.id;
  // A fresh seed per start: each run of the demo is a new stream, not a repeat of the stored one.
  const config: SimulatorConfig = {
    kind: 'simulator',
    seed: services.clock.now() % 100_000,
    speed: 1,
    peakOnline,
    warmupMs: DEMO_WARMUP_MS,
  };
  await roomSources.set(roomId, config);
  return { roomId, tokens: await services.rooms.tokens(roomId) };
}
