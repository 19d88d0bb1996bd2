// The built-in demo room: a simulated live-commerce room at real time, so `npm start` shows a moving console.

import { SESSION_GAP_MS } from '../shared/constants.ts';
import type { App } from './app.ts';
import { runtimeOf } from './runtime-of.ts';
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
  const now = services.clock.now();
  // A restart is one honest session boundary: the stored session ends after its last event, and the new
  // stream (a fresh seed, its own catalogue) starts after that, never backfilled into the old one's minutes
  // (a 20-minute warm-up written over the previous run mixed two streams' figures in one session).
  const lastTs = existing ? (await services.storage.replay.sessionMarks(roomId, SESSION_GAP_MS)).lastTs : null;
  let warmupMs = DEMO_WARMUP_MS;
  if (lastTs !== null) {
    const runtime = await runtimeOf(services, roomId);
    const end = Math.min(lastTs + 1, now);
    await services.pipeline.ingestEvents(runtime, [{ type: 'session_end', ts: end }], { checkTime: false });
    warmupMs = Math.max(0, Math.min(DEMO_WARMUP_MS, now - end - 1));
  }
  const config: SimulatorConfig = { kind: 'simulator', seed: now % 100_000, speed: 1, peakOnline, warmupMs };
  await roomSources.set(roomId, config);
  return { roomId, tokens: await services.rooms.tokens(roomId) };
}
