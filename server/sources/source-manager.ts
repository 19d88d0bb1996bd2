// Attaches at most one driving source (simulator, replayed import, poller) to a room. Push ingest needs no
// attachment: it is always open to the room's ingest token.
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import type { EventSink, Source } from './source.ts';

export class SourceManager {
  constructor(private readonly services: Services) {}

  sinkFor(runtime: RoomRuntime): EventSink {
    return {
      ingest: (events) => this.services.pipeline.ingestEvents(runtime, events, { checkTime: false }),
    };
  }

  async attach(runtime: RoomRuntime, source: Source): Promise<void> {
    await this.detach(runtime);
    runtime.driver = source;
    source.start(this.sinkFor(runtime));
  }

  async detach(runtime: RoomRuntime, only?: Source): Promise<void> {
    const current = runtime.driver;
    if (!current || (only && current !== only)) return;
    runtime.driver = null;
    await current.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.services.registry.all().map((r) => this.detach(r)));
  }
}
