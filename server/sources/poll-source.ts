// Polls a platform's HTTP JSON endpoint at an interval, with exponential backoff on errors. Its health
// (last success, lag, last error) is what the screen's source badge shows.
import type { SourceHealth } from '../../shared/state.ts';
import type { Clock } from '../clock.ts';
import { fetchJson } from './fetch-json.ts';
import { OutboundPolicy } from './outbound-policy.ts';
import { PacedLoop } from './paced-loop.ts';
import { mapPollResponse, type PollConfig, type Totals } from './poll-mapping.ts';
import type { EventSink, Source } from './source.ts';

const MAX_BACKOFF_MS = 60_000;
/** The whole-request deadline (body included) when the source names none. */
export const POLL_DEADLINE_MS = 10_000;

export class PollSource implements Source {
  readonly kind = 'poll';
  private readonly loop: PacedLoop;
  private sink: EventSink | null = null;
  private totals: Totals = { exposure: null, likes: null };
  private failures = 0;
  private lastSuccessAt: number | null = null;
  private lastEventAt: number | null = null;
  private error: string | null = null;
  /** The poll in flight; stop() aborts it, so a trickling server never holds a shutdown. */
  private inFlight: AbortController | null = null;
  polls = 0;

  constructor(
    private readonly config: PollConfig,
    private readonly clock: Clock,
    private readonly policy: OutboundPolicy = new OutboundPolicy(),
  ) {
    this.loop = new PacedLoop(() => this.poll(), config.intervalMs);
  }

  start(sink: EventSink): void {
    this.sink = sink;
    this.loop.start();
  }

  stop(): Promise<void> {
    const stopped = this.loop.stop();
    this.inFlight?.abort();
    return stopped;
  }

  private async poll(): Promise<number> {
    this.polls++;
    const inFlight = new AbortController();
    this.inFlight = inFlight;
    try {
      const body = await fetchJson(this.config.url, {
        headers: this.config.headers ?? {},
        timeoutMs: this.config.timeoutMs ?? POLL_DEADLINE_MS,
        policy: this.policy,
        signal: inFlight.signal,
      });
      if (inFlight.signal.aborted) return this.config.intervalMs;
      const now = this.clock.now();
      const { events, totals } = mapPollResponse(body, this.config.mapping, this.totals, now);
      this.totals = totals;
      const result = await this.sink!.ingest(events);
      if (result.rejected.length > 0)
        this.error = `${result.rejected.length} events rejected: ${result.rejected[0]!.message}`;
      else this.error = null;
      this.failures = 0;
      this.lastSuccessAt = now;
      if (events.length > 0) this.lastEventAt = now;
      return this.config.intervalMs;
    } catch (err) {
      if (inFlight.signal.aborted) return this.config.intervalMs; // stopped: not a failure of the source
      this.failures++;
      this.error = (err as Error).message;
      return Math.min(MAX_BACKOFF_MS, this.config.intervalMs * 2 ** this.failures);
    }
  }

  health(): SourceHealth {
    const now = this.clock.now();
    const lagMs = this.lastSuccessAt === null ? null : now - this.lastSuccessAt;
    let status: SourceHealth['status'] = this.lastSuccessAt === null ? 'idle' : 'ok';
    if (lagMs !== null && lagMs > Math.max(3 * this.config.intervalMs, 15_000)) status = 'stale';
    if (this.failures > 0) status = 'error';
    return {
      kind: this.kind,
      status,
      lastEventAt: this.lastEventAt,
      lastSuccessAt: this.lastSuccessAt,
      lagMs,
      error: this.error,
    };
  }
}
