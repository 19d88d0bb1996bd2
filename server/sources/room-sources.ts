// The use cases around a room's sources, called by the routes and at boot: set the one source (PUT /source),
// add or remove one of several, list them, and start every stored source again after a restart.
import { Value } from '@sinclair/typebox/value';
import type { Product } from '../../shared/events.ts';
import type { SourceHealth } from '../../shared/state.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { connectorUrl } from './connectors/connector-config.ts';
import { keepMaskedSecrets, maskSecrets } from './secret-fields.ts';
import { createSource, type SourceConfig, SourceConfigSchema } from './source-config.ts';
import { MAIN_SOURCE_ID, type SourceManager } from './source-manager.ts';

export interface SourceEntry {
  id: string;
  config: SourceConfig;
}

export interface SourceView {
  id: string;
  config: SourceConfig;
  health: SourceHealth;
}

/** The stored list; a room stored before several sources holds one config, kept under the main id. */
export function storedEntries(stored: unknown): unknown[] {
  if (stored === null || stored === undefined) return [];
  if (Array.isArray(stored)) return stored;
  return [{ id: MAIN_SOURCE_ID, config: stored }];
}

function validEntry(e: unknown): e is SourceEntry {
  if (e === null || typeof e !== 'object') return false;
  const { id, config } = e as { id?: unknown; config?: unknown };
  return typeof id === 'string' && Value.Check(SourceConfigSchema, config);
}

/** Secrets never leave the server once set: listings show that one is set, not what it is (secret-fields.ts). */
export const redact = maskSecrets;

export class RoomSources {
  constructor(
    private readonly services: Services,
    private readonly manager: SourceManager,
  ) {}

  async entries(roomId: string): Promise<SourceEntry[]> {
    return storedEntries((await this.services.rooms.get(roomId))?.source).filter(validEntry);
  }

  async list(roomId: string): Promise<SourceView[]> {
    const runtime = await runtimeOf(this.services, roomId);
    const now = this.services.clock.now();
    return (await this.entries(roomId)).map(({ id, config }) => {
      const live = this.manager.get(runtime, id);
      const health = live ? { ...live.health(), id } : stoppedHealth(id, config.kind, now);
      return { id, config: redact(config), health };
    });
  }

  /** The room's only source (PUT /source): replaces every other one; `none` leaves push alone. */
  async set(roomId: string, sent: SourceConfig): Promise<void> {
    const config = await this.unmasked(roomId, MAIN_SOURCE_ID, sent);
    await this.checkAddress(config);
    const runtime = await runtimeOf(this.services, roomId);
    await this.services.rooms.setSource(roomId, config.kind === 'none' ? null : [{ id: MAIN_SOURCE_ID, config }]);
    const source = await this.build(roomId, config);
    if (source) await this.manager.attach(runtime, source);
    else await this.manager.detach(runtime);
  }

  async add(roomId: string, id: string, sent: SourceConfig): Promise<void> {
    const config = await this.unmasked(roomId, id, sent);
    await this.checkAddress(config);
    const others = (await this.entries(roomId)).filter((e) => e.id !== id);
    await this.services.rooms.setSource(roomId, [...others, { id, config }]);
    const source = await this.build(roomId, config);
    if (source) await this.manager.add(await runtimeOf(this.services, roomId), id, source);
  }

  async remove(roomId: string, id: string): Promise<boolean> {
    const all = await this.entries(roomId);
    const rest = all.filter((e) => e.id !== id);
    await this.services.rooms.setSource(roomId, rest.length > 0 ? rest : null);
    const stopped = await this.manager.remove(await runtimeOf(this.services, roomId), id);
    return stopped || rest.length < all.length;
  }

  /**
   * At boot: every stored source of a room not archived starts again; a stored entry that no longer validates
   * is skipped, loudly. `only`: one room's (clustered, when this instance takes the room; an archive undone).
   */
  async restoreAll(log: (msg: string) => void, only?: string): Promise<number> {
    let started = 0;
    // The demo room is started (with a fresh seed) by `--demo` only, never by a restart.
    // An archived room stays unfed until it is brought back (rooms/room-admin.ts).
    const rooms = (await this.services.rooms.list()).filter(
      (r) => !r.demo && r.archivedAt === null && (!only || r.id === only),
    );
    for (const room of rooms) {
      const raw = storedEntries(room.source);
      for (const entry of raw) {
        if (!validEntry(entry)) {
          log(`room ${room.id}: stored source ${JSON.stringify(entry).slice(0, 200)} is not valid, not started`);
          continue;
        }
        const source = await this.build(room.id, restartable(entry.config, this.services.clock.now()), false);
        if (!source) continue;
        await this.manager.add(await runtimeOf(this.services, room.id), entry.id, source);
        started++;
      }
    }
    return started;
  }

  /** An update that sends a listing's masks back keeps the secrets stored under that source id. */
  private async unmasked(roomId: string, id: string, sent: SourceConfig): Promise<SourceConfig> {
    const prev = (await this.entries(roomId)).find((e) => e.id === id)?.config ?? null;
    return keepMaskedSecrets(sent, prev);
  }

  /** A URL the outbound policy refuses is refused when set (400 address_refused), not left to fail later. */
  private async checkAddress(config: SourceConfig): Promise<void> {
    if (config.kind === 'poll') await this.services.outbound.checkResolved(config.url, ['http:', 'https:']);
    const url = connectorUrl(config);
    if (url) await this.services.outbound.checkResolved(url, ['ws:', 'wss:']);
  }

  /** The simulator brings its own catalogue; the room adopts it when the source is set, not on restart. */
  private async build(roomId: string, config: SourceConfig, adoptCatalogue = true) {
    const { source, catalogue } = createSource(config, this.services.clock, this.services.outbound);
    if (catalogue && adoptCatalogue) {
      await this.services.rooms.setProducts(roomId, catalogue as Product[]);
      (await runtimeOf(this.services, roomId)).engine.setCatalogue(catalogue as Product[]);
    }
    return source;
  }
}

function stoppedHealth(id: string, kind: string, _now: number): SourceHealth {
  return {
    id,
    kind,
    status: 'idle',
    phase: 'stopped',
    lastEventAt: null,
    lastSuccessAt: null,
    lagMs: null,
    error: null,
  };
}

/**
 * A rehearsal simulator restarted with its stored seed would repeat its event ids, which the store has
 * already seen (every event would be dropped as a duplicate): after a restart it runs as a new stream.
 * Product ids (p1…) do not depend on the seed, so the room's catalogue still fits.
 */
function restartable(config: SourceConfig, now: number): SourceConfig {
  if (config.kind !== 'simulator') return config;
  return { ...config, seed: ((config.seed ?? 1) + (now % 1_000_000) + 1) % 2 ** 31, warmupMs: 0 };
}
