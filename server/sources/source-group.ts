// Several sources feeding one room at once (a live feed, a shop feed, the simulator for rehearsal). The room
// runtime sees one `Source`: the group's health is its worst active member's, and its clock is the member
// that replays virtual time, if any.
import type { SourceHealth } from '../../shared/state.ts';
import type { EventSink, Source } from './source.ts';

/** Worse first: an error outranks staleness, which outranks a healthy or idle feed. */
const SEVERITY: Record<SourceHealth['status'], number> = { error: 3, stale: 2, idle: 1, ok: 0 };

export class SourceGroup implements Source {
  readonly kind = 'group';
  private readonly members = new Map<string, Source>();
  private sink: EventSink | null = null;

  ids(): string[] {
    return [...this.members.keys()];
  }

  get(id: string): Source | undefined {
    return this.members.get(id);
  }

  has(source: Source): boolean {
    return [...this.members.values()].includes(source);
  }

  get size(): number {
    return this.members.size;
  }

  /** Adds or replaces the member `id`; a replaced member is stopped first. */
  async put(id: string, source: Source): Promise<void> {
    await this.remove(id);
    this.members.set(id, source);
    if (this.sink) source.start(this.sink);
  }

  async remove(id: string): Promise<boolean> {
    const old = this.members.get(id);
    if (!old) return false;
    this.members.delete(id);
    await old.stop();
    return true;
  }

  start(sink: EventSink): void {
    this.sink = sink;
    for (const s of this.members.values()) s.start(sink);
  }

  async stop(): Promise<void> {
    const all = [...this.members.values()];
    this.members.clear();
    this.sink = null;
    await Promise.all(all.map((s) => s.stop()));
  }

  virtualNow(): number {
    for (const s of this.members.values()) if (s.virtualNow) return s.virtualNow();
    return Number.NaN;
  }

  hasVirtualTime(): boolean {
    return [...this.members.values()].some((s) => s.virtualNow);
  }

  /** Each member's own health, named by its id. */
  healths(): SourceHealth[] {
    return [...this.members].map(([id, s]) => ({ ...s.health(), id }));
  }

  health(): SourceHealth {
    const all = [...this.members.values()];
    const active = all.filter((s) => !s.passive);
    const judged = (active.length > 0 ? active : all).map((s) => s.health());
    if (judged.length === 0) return idleHealth();
    return judged.reduce((worst, h) => (SEVERITY[h.status] > SEVERITY[worst.status] ? h : worst));
  }
}

function idleHealth(): SourceHealth {
  return { kind: 'none', status: 'idle', lastEventAt: null, lastSuccessAt: null, lagMs: null, error: null };
}
