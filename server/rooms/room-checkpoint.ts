// A room's whole live state as one versioned, JSON-safe value: the engine (windows, sketches, hot words), the
// alert rules' memory, the cues and the runtime's session bookkeeping, plus the store seq of the last event in
// it. A room rebuilds from its latest checkpoint and the events after that seq instead of replaying them all.
//
// How a component joins: give it `checkpoint(): S` returning plain data (no Map/Set/class instances; infinities
// as null) and a `restore(s: S)` (or static `restore`) that makes a fresh instance continue exactly as the one
// that wrote it; call both from its owner (RoomEngine, AlertEvaluator, RoomRuntime); bump CHECKPOINT_VERSION
// when the shape changes (an older checkpoint is then ignored and the room replays in full, never misread).
// test/unit/rooms/checkpoint.test.ts compares a restored room with one that never stopped, field by field, so
// a field that is left out fails it.
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { Cue } from '../../shared/cues.ts';
import type { EvaluatorCheckpoint } from '../alerts/alert-evaluator.ts';
import type { EngineCheckpoint } from '../engine/room-engine.ts';

export const CHECKPOINT_VERSION = 2;
/** A rebuild applies ~50-100k events a second (a loaded machine: less): 20k events of tail stay well under 1 s.
 * Encoding a 4-hour room's checkpoint takes tens of ms, so this costs a few per cent of its ingest. */
export const CHECKPOINT_EVERY_EVENTS = 20_000;
/** A quiet room still checkpoints every 5 minutes of event time that saw events. */
export const CHECKPOINT_EVERY_MS = 5 * 60_000;

export interface RoomCheckpoint {
  version: number;
  roomId: string;
  appliedSeq: number;
  runtime: {
    seq: number;
    sessionStart: number | null;
    sourceDown: boolean;
    openSec: number | null;
    lastPushWall: number | null;
    lastEventTs: number | null;
    sessionEnded: boolean;
    taught: string[];
  };
  engine: EngineCheckpoint;
  alerts: EvaluatorCheckpoint;
  cues: { cues: Cue[]; seq: number };
}

/** gzip at level 1: HLL registers and id lists shrink several-fold for a few ms. */
export function encodeCheckpoint(cp: RoomCheckpoint): Buffer {
  return gzipSync(JSON.stringify(cp), { level: 1 });
}

const gzipAsync = promisify(gzip);

/** The same with the gzip on libuv's thread pool: only the JSON text (≈ 20 ms for a 4-hour room) is made on
 * the event loop. */
export function encodeCheckpointAsync(cp: RoomCheckpoint): Promise<Buffer> {
  return gzipAsync(JSON.stringify(cp), { level: 1 });
}

/**
 * The checkpoint, or null when it cannot be used (another version, another room, unreadable): the caller then
 * replays the room in full. The body is our own output of the same version, so only the envelope is checked.
 */
export function decodeCheckpoint(body: Buffer, roomId: string): RoomCheckpoint | null {
  try {
    return checked(JSON.parse(gunzipSync(body).toString('utf8')), roomId);
  } catch {
    return null;
  }
}

const gunzipAsync = promisify(gunzip);

/** The same, unzipped on libuv's thread pool: only the JSON parse runs on the event loop. */
export async function decodeCheckpointAsync(body: Buffer, roomId: string): Promise<RoomCheckpoint | null> {
  try {
    return checked(JSON.parse((await gunzipAsync(body)).toString('utf8')), roomId);
  } catch {
    return null;
  }
}

function checked(value: unknown, roomId: string): RoomCheckpoint | null {
  const cp = value as RoomCheckpoint | null;
  if (cp?.version !== CHECKPOINT_VERSION || cp.roomId !== roomId || !Number.isInteger(cp.appliedSeq)) return null;
  return cp;
}
