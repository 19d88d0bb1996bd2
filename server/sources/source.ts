// Every way events reach a room (push, pull poller, simulator, file import) sits behind this interface,
// so the room runtime treats them alike and the screen shows each one's health the same way.
import type { LiveEvent } from '../../shared/events.ts';
import type { SourceHealth } from '../../shared/state.ts';

export interface IngestRejection {
  index: number;
  code: string;
  message: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
}

/** Where a source delivers: validated, deduplicated, durably stored, then applied to the engine. */
export interface EventSink {
  ingest(events: unknown[]): Promise<IngestResult>;
}

export interface Source {
  readonly kind: string;
  start(sink: EventSink): void;
  stop(): Promise<void>;
  health(): SourceHealth;
  /** For sources that replay recorded or simulated time faster or slower than the wall clock. */
  virtualNow?(): number;
  /** A source that waits to be pushed to (a shop webhook): its silence is not an outage of the room's data. */
  readonly passive?: boolean;
}

export type { LiveEvent };
