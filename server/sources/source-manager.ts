// Attaches a room's sources: several may feed one room at once (a live feed, a shop webhook, the simulator),
// each under its own id, gathered in one `SourceGroup` that the runtime sees as its driver. Push ingest needs
// no attachment: it is always open to the room's ingest token.
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import type { EventSink, Source } from './source.ts';
import { SourceGroup } from './source-group.ts';

/** The id a source set through PUT /api/rooms/:id/source (one source for the room) is kept under. */
export const MAIN_SOURCE_ID = 'main';

export class SourceManager {
  constructor(private readonly services: Services) {}

  sinkFor(runtime: RoomRuntime): EventSink {
    return {
      ingest: (events) => this.services.pipeline.ingestEvents(runtime, events, { checkTime: false }),
    };
  }

  private group(runtime: RoomRuntime): SourceGroup {
    if (runtime.driver instanceof SourceGroup) return runtime.driver;
    const group = new SourceGroup();
    const old = runtime.driver;
    runtime.driver = group;
    group.start(this.sinkFor(runtime));
    if (old) void old.stop();
    return group;
  }

  /** Replaces all of the room's sources by this one (PUT /source, an import's replay). */
  async attach(runtime: RoomRuntime, source: Source, id = MAIN_SOURCE_ID): Promise<void> {
    await this.detach(runtime);
    await this.group(runtime).put(id, source);
  }

  /** Adds (or replaces) one source beside the others. */
  async add(runtime: RoomRuntime, id: string, source: Source): Promise<void> {
    await this.group(runtime).put(id, source);
  }

  async remove(runtime: RoomRuntime, id: string): Promise<boolean> {
    const group = runtime.driver instanceof SourceGroup ? runtime.driver : null;
    const removed = group ? await group.remove(id) : false;
    if (group && group.size === 0) runtime.driver = null;
    return removed;
  }

  /** The first of the room's sources that `pred` picks (the webhook route finds its shop source so). */
  find<T extends Source>(runtime: RoomRuntime, pred: (s: Source) => s is T): T | undefined {
    if (!(runtime.driver instanceof SourceGroup)) return undefined;
    for (const id of runtime.driver.ids()) {
      const s = runtime.driver.get(id);
      if (s && pred(s)) return s;
    }
    return undefined;
  }

  get(runtime: RoomRuntime, id: string): Source | undefined {
    return runtime.driver instanceof SourceGroup ? runtime.driver.get(id) : undefined;
  }

  /** Stops every source of the room, or only `only` when given and still attached. */
  async detach(runtime: RoomRuntime, only?: Source): Promise<void> {
    const current = runtime.driver;
    if (!current) return;
    if (only && current instanceof SourceGroup) {
      for (const id of current.ids()) if (current.get(id) === only) await this.remove(runtime, id);
      return;
    }
    if (only && current !== only) return;
    runtime.driver = null;
    await current.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.services.registry.all().map((r) => this.detach(r)));
  }
}
