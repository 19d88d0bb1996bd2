// What every live-feed connector is as a Source: a link that connects, reconnects and reports health, and a
// delivery that hands its events to the pipeline in order. A connector only says how to open a connection.
import type { SourceHealth } from '../../../shared/state.ts';
import type { Clock } from '../../clock.ts';
import type { EventSink, Source } from '../source.ts';
import { Delivery } from './delivery.ts';
import { Link, type LinkConnection, type LinkEvents } from './link.ts';

export abstract class LinkedSource implements Source {
  readonly link: Link;
  protected readonly delivery: Delivery;

  constructor(
    readonly kind: string,
    protected readonly clock: Clock,
    retry: { minMs: number; maxMs: number } | undefined,
  ) {
    // Public feeds drop messages in busy rooms: every connector's per-viewer figures are marked sampled.
    this.link = new Link({ kind, clock, open: (ev) => this.open(ev), retry, sampled: true });
    this.delivery = new Delivery(this.link, clock);
  }

  start(sink: EventSink): void {
    this.delivery.sink = sink;
    this.link.start();
  }

  async stop(): Promise<void> {
    this.link.stop();
    await this.delivery.drain();
  }

  health(): SourceHealth {
    return this.link.health();
  }

  /** Opens one connection; called by the link at start and at every reconnect. */
  protected abstract open(ev: LinkEvents): LinkConnection;
}
