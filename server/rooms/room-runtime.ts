// A loaded room: its engine, its tick sequence, its driving source, and the per-second state capture that
// replay reads. Everything here is synchronous and driven by the caller's notion of time.

import type { AlertRule } from '../../shared/alerts.ts';
import { MAX_EVENT_FUTURE_MS, MAX_EVENT_TS_MS, SESSION_GAP_MS, SOURCE_STALE_MS } from '../../shared/constants.ts';
import type { Cue } from '../../shared/cues.ts';
import type { LiveEvent, Product } from '../../shared/events.ts';
import type { TickMessage } from '../../shared/protocol.ts';
import type { RoomState, SourceHealth } from '../../shared/state.ts';
import { AlertEvaluator, type AlertEvent } from '../alerts/alert-evaluator.ts';
import { CueBook } from '../cues/cue-book.ts';
import { RoomEngine } from '../engine/room-engine.ts';
import type { Tokenizer } from '../engine/tokenizer-types.ts';
import type { OutlookGauges } from '../outlook/outlook-rules.ts';
import type { Source } from '../sources/source.ts';
import { SourceGroup } from '../sources/source-group.ts';
import {
  CHECKPOINT_EVERY_EVENTS,
  CHECKPOINT_EVERY_MS,
  CHECKPOINT_VERSION,
  type RoomCheckpoint,
} from './room-checkpoint.ts';
import { StateFrames, type StateSink } from './state-frames.ts';

export type { StateSink };

/** Where a live runtime's periodic checkpoints go (the store); see room-checkpoint.ts. */
export interface CheckpointSink {
  saveCheckpoint(roomId: string, cp: RoomCheckpoint): void;
}

/** Told about what happens in a room besides its state: journaled and broadcast by the server. */
export interface RoomListener {
  alerts(roomId: string, events: AlertEvent[]): void;
  /** `isNew`: the cue was just sent (cue:new), else it changed (cue:updated). */
  cues(roomId: string, changed: Cue[], isNew?: boolean): void;
  /** Live events changed the room's state (not told during a rebuild): the screens' update is due. */
  changed?(roomId: string): void;
}

export class RoomRuntime {
  /** Replaced at each new session: a live run starts from zero, as the platforms count it. */
  engine: RoomEngine;
  alerts: AlertEvaluator;
  /** Event time of the first event of the current session (null before any event). */
  sessionStart: number | null = null;
  readonly cues: CueBook;
  seq = 0;
  /** From the latest tick: a stale or failing source silences data rules and raises 数据中断. */
  private sourceDown = false;
  driver: Source | null = null;
  /** The second whose state is not yet captured; events move it forward. */
  private openSec: number | null = null;
  private lastPushWall: number | null = null;
  private lastEventTs: number | null = null;
  capture = true;
  /** Store seq of the latest event applied: the tail after a checkpoint starts after it. */
  appliedSeq = 0;
  /** Stored events a rebuild found stamped where no room clock may go (far future): quarantined, not replayed. */
  quarantined = 0;
  /** Set while the registry rebuilds the room from the store: committed events are applied by the rebuild. */
  rebuilding = false;
  private readonly heldDuringRebuild: { events: LiveEvent[]; seqs: number[] }[] = [];
  private sinceCheckpoint = { events: 0, ts: null as number | null };
  /** Every word taught to the tokenizer (catalogue names, old ones too): a restored room teaches them again. */
  private readonly taught = new Set<string>();
  private readonly states: StateFrames;
  /** Event time of the latest event applied (null before any): how far the current session reaches. */
  get lastEventAt(): number | null {
    return this.lastEventTs;
  }
  /** Told each applied event (the outlook's retention cohorts, server/outlook). */
  onEvent: ((e: LiveEvent) => void) | null = null;
  /** The outlook's figures for its rules, set once a minute (server/outlook/outlook-rules.ts). */
  outlookGauges: OutlookGauges | null = null;

  constructor(
    readonly roomId: string,
    tokenizer: Tokenizer,
    catalogue: Product[],
    states: StateSink,
    rules: AlertRule[],
    private readonly listener: RoomListener,
    private readonly checkpoints: CheckpointSink | null = null,
  ) {
    this.states = new StateFrames(roomId, states);
    this.tokenizer = {
      tokenize: (text) => tokenizer.tokenize(text),
      ...(tokenizer.cut ? { cut: (text: string) => tokenizer.cut!(text) } : {}),
      addWords: (words) => {
        for (const w of words) this.taught.add(w);
        tokenizer.addWords(words);
      },
    };
    this.engine = new RoomEngine(roomId, { tokenizer: this.tokenizer }, catalogue);
    this.alerts = new AlertEvaluator(rules);
    this.cues = new CueBook(roomId, (id) => this.alerts.active().find((a) => a.id === id)?.evidence);
  }

  private readonly tokenizer: Tokenizer;

  /** A gap of SESSION_GAP_MS without events ends a session; the next event starts a new one from zero. */
  /** Set by a session_end event: the next event starts a new session whatever the gap. */
  private sessionEnded = false;

  private startSessionIfGap(e: LiveEvent): void {
    const ts = e.ts;
    const forced = e.type === 'session_start' || this.sessionEnded;
    if (e.type === 'session_end') {
      this.sessionEnded = true;
      return;
    }
    this.sessionEnded = false;
    if (!forced && this.sessionStart !== null && this.lastEventTs !== null && ts - this.lastEventTs <= SESSION_GAP_MS)
      return;
    // Fresh engine and capture even for the first session: ticks may have moved the old clock to today
    // (an empty room waiting for a recording of last year).
    this.engine = new RoomEngine(this.roomId, { tokenizer: this.tokenizer }, this.engine.catalogue());
    // Products keep their rate history into the new session: a returning product has a baseline at once.
    this.alerts = this.alerts.nextSession();
    this.openSec = null;
    this.states.restart();
    this.sessionStart = ts;
  }

  /** Whether `e` opens a new session (startSessionIfGap's rule, asked before the second before it closes). */
  private opensSession(e: LiveEvent): boolean {
    if (e.type === 'session_end') return false;
    if (e.type === 'session_start' || this.sessionEnded || this.sessionStart === null || this.lastEventTs === null)
      return true;
    return e.ts - this.lastEventTs > SESSION_GAP_MS;
  }

  /** Apply stored (already durable) events in commit order. */
  applyEvents(events: LiveEvent[]): void {
    for (const e of events) {
      this.closeSecondsBefore(e.ts, this.opensSession(e));
      this.startSessionIfGap(e);
      this.engine.apply(e);
      this.alerts.observe(e);
      this.onEvent?.(e);
      if (this.lastEventTs === null || e.ts > this.lastEventTs) this.lastEventTs = e.ts;
    }
    if (this.capture && events.length > 0) this.listener.changed?.(this.roomId);
  }

  /**
   * Events the store just committed, with their store seqs. Held while rebuilding (applied when it ends, unless
   * a page had them) and skipped when already applied (the rebuild got there first), so none is applied twice.
   */
  applyCommitted(events: LiveEvent[], seqs: number[]): void {
    if (this.rebuilding) {
      this.heldDuringRebuild.push({ events, seqs });
      return;
    }
    if (this.followStore) {
      this.followStore(this);
      return;
    }
    this.applyStored(events, seqs);
    this.checkpointIfDue();
  }

  /**
   * Clustered: other instances commit this room's events too, so the owner applies the store in seq order
   * (this reads it) instead of its own commits as they come, which could pass an earlier seq by.
   */
  followStore: ((runtime: RoomRuntime) => void) | null = null;

  /**
   * The rebuild read its last page. An event committed while a page was being read may be in no page (a
   * backend that answers asynchronously reads a snapshot from before it): those held are applied now, in seq
   * order, each one only if no page had it.
   */
  endRebuild(): void {
    this.rebuilding = false;
    for (const h of this.heldDuringRebuild.splice(0)) this.applyCommitted(h.events, h.seqs);
  }

  /** Stored events in seq order; those at or before appliedSeq are already in the engine. */
  applyStored(events: LiveEvent[], seqs: number[]): void {
    const fresh = events.filter((_, i) => seqs[i]! > this.appliedSeq);
    if (fresh.length === 0) return;
    this.applyEvents(fresh);
    this.appliedSeq = Math.max(this.appliedSeq, seqs[seqs.length - 1]!);
    this.sinceCheckpoint.events += fresh.length;
    this.sinceCheckpoint.ts ??= fresh[0]!.ts;
  }

  /** Every CHECKPOINT_EVERY_EVENTS events or CHECKPOINT_EVERY_MS of event time with events in it. */
  /**
   * A person changed what the room remembers (a cue sent, acknowledged or cancelled, an alert acknowledged or
   * snoozed): none of that is in the event timeline, so the next tick checkpoints and a restart keeps it.
   */
  notePeopleChange(): void {
    this.peopleChanged = true;
  }

  private peopleChanged = false;

  checkpointIfDue(): void {
    if (!this.checkpoints || !this.capture) return;
    const { events, ts } = this.sinceCheckpoint;
    const byEvents =
      events > 0 &&
      ts !== null &&
      (events >= CHECKPOINT_EVERY_EVENTS || (this.lastEventTs ?? ts) - ts >= CHECKPOINT_EVERY_MS);
    if (byEvents || this.peopleChanged) this.saveCheckpoint();
  }

  /** At shutdown: anything not yet checkpointed (events since the last one, a person's change) is, now. */
  checkpointUnsaved(): void {
    if (!this.checkpoints || !this.capture) return;
    if (this.peopleChanged || this.sinceCheckpoint.events > 0) this.saveCheckpoint();
  }

  saveCheckpoint(): void {
    this.checkpoints?.saveCheckpoint(this.roomId, this.checkpoint());
    this.sinceCheckpoint = { events: 0, ts: null };
    this.peopleChanged = false;
  }

  checkpoint(): RoomCheckpoint {
    return {
      version: CHECKPOINT_VERSION,
      roomId: this.roomId,
      appliedSeq: this.appliedSeq,
      runtime: {
        seq: this.seq,
        sessionStart: this.sessionStart,
        sourceDown: this.sourceDown,
        openSec: this.openSec,
        lastPushWall: this.lastPushWall,
        lastEventTs: this.lastEventTs,
        sessionEnded: this.sessionEnded,
        taught: [...this.taught],
      },
      engine: this.engine.checkpoint(),
      alerts: this.alerts.checkpoint(),
      cues: this.cues.checkpoint(),
    };
  }

  /** Continue from a checkpoint: afterwards this runtime behaves exactly like the one that wrote it. */
  restore(cp: RoomCheckpoint): void {
    const r = cp.runtime;
    this.tokenizer.addWords(r.taught);
    this.engine = RoomEngine.restore(this.roomId, { tokenizer: this.tokenizer }, cp.engine);
    this.alerts = AlertEvaluator.restore(this.alerts.rules, cp.alerts);
    this.cues.restore(cp.cues);
    this.appliedSeq = cp.appliedSeq;
    this.seq = r.seq;
    this.sessionStart = r.sessionStart;
    this.sourceDown = r.sourceDown;
    this.openSec = r.openSec;
    this.lastPushWall = r.lastPushWall;
    this.lastEventTs = r.lastEventTs;
    this.sessionEnded = r.sessionEnded;
  }

  notePush(wallNow: number): void {
    this.lastPushWall = wallNow;
  }

  /**
   * While set, the room's clock stays at the latest applied event: an at-once import of a recording must not
   * have ticks jump the clock to today between its chunks.
   */
  holdClock = false;

  /** The event time "now" for this room: held during an import, a replaying source's virtual time, else wall time. */
  timeAt(wallNow: number): number {
    const virtual = this.driver?.virtualNow?.();
    let t = virtual ?? wallNow;
    if (this.holdClock) t = this.lastEventTs ?? this.engine.now;
    else if (virtual === undefined && this.parked(wallNow)) t = this.engine.now;
    // A clock that is not a sane finite time would poison every window (NaN minutes): wall time instead.
    if (!(Number.isFinite(t) && t >= 0 && t <= MAX_EVENT_TS_MS)) return wallNow;
    // Without a virtual clock of the server's own (simulator, replay), the room never runs ahead of server time.
    return virtual === undefined ? Math.min(t, wallNow + MAX_EVENT_FUTURE_MS) : t;
  }

  /** The clock is not following wall time (an import holds it, or the room is parked): no live screen. */
  clockHeld(wallNow: number): boolean {
    return this.holdClock || (this.driver?.virtualNow === undefined && this.parked(wallNow));
  }

  /**
   * The room's last session is over by its own gap (its last event lies more than SESSION_GAP_MS before now):
   * its clock stays where its events left it instead of jumping to today. A recording imported in parts, or
   * one whose import a restart cut, then goes on exactly as if it had come in one piece: the next part's
   * seconds are still open, captured and judged, never behind a clock that ticks moved to today.
   */
  private parked(wallNow: number): boolean {
    return this.lastEventTs !== null && wallNow - this.lastEventTs > SESSION_GAP_MS;
  }

  /** Set when the room's own work (tick, state) threw: shown as the room's source error, never fatal. */
  fault: string | null = null;
  /** Set while storing this room's events fails (disk full, storage down); shown as its source error. */
  storageFault: string | null = null;

  /** `slowParts: false`: the caller keeps the hot words its screens hold (RoomEngine.state). */
  tick(wallNow: number, opts: { slowParts?: boolean } = {}): TickMessage {
    const t = this.timeAt(wallNow);
    const status = this.health(wallNow).status;
    this.sourceDown = status === 'stale' || status === 'error';
    this.closeSecondsBefore(t);
    this.engine.advanceTo(t);
    this.seq++;
    this.checkpointIfDue();
    return { seq: this.seq, state: this.state(wallNow, opts) };
  }

  state(wallNow: number, opts: { slowParts?: boolean } = {}): RoomState {
    const state = this.engine.state(this.seq, this.health(wallNow), opts);
    if (this.driver instanceof SourceGroup) state.sources = this.driver.healths();
    const stages = this.alerts.stageStates();
    if (stages) state.alertStages = stages;
    return state;
  }

  health(wallNow: number): SourceHealth {
    const h = this.sourceHealth(wallNow);
    if (this.storageFault) return { ...h, status: 'error', error: this.storageFault };
    return this.fault ? { ...h, status: 'error', error: `room engine failed: ${this.fault}` } : h;
  }

  private sourceHealth(wallNow: number): SourceHealth {
    if (this.driver) return this.driver.health();
    const lagMs = this.lastEventTs === null ? null : Math.max(0, wallNow - this.lastEventTs);
    let status: SourceHealth['status'] = 'idle';
    if (this.lastPushWall !== null) status = wallNow - this.lastPushWall > SOURCE_STALE_MS ? 'stale' : 'ok';
    return {
      kind: 'push',
      status,
      lastEventAt: this.lastEventTs,
      lastSuccessAt: this.lastPushWall,
      lagMs,
      error: null,
    };
  }

  /** The end of an at-once import part: its last second is stored (provisionally), so a report asked for next
   * sees every event. */
  settleImport(): void {
    this.settle();
  }

  /**
   * The open second's state as the engine has it now, stored provisionally: the second stays open (a later
   * part of the recording may still add to it, and its closing replaces this). After an import part and after
   * a rebuild, so what replay and the session figures read holds every stored event, even one whose state a
   * kill lost. Nothing is judged or told: that happens once, when the second closes.
   */
  settle(): void {
    if (!this.capture || this.openSec === null || this.lastEventTs === null) return;
    this.states.putProvisional(this.openSec, this.engine.state(this.seq, this.health(this.engine.now)));
  }

  /** `sessionEnds`: the event after the open second opens a new session, so this is its last state. */
  private closeSecondsBefore(ts: number, sessionEnds = false): void {
    const sec = Math.floor(ts / 1000);
    if (this.openSec === null) {
      this.openSec = sec;
      return;
    }
    if (sec <= this.openSec && !sessionEnds) return;
    // The state "at second s" is the state after every event before s+1, windows read at the end of s.
    const end = this.openSec * 1000 + 999;
    this.engine.advanceTo(end);
    // Rules run during a rebuild too, so their memory matches; only live transitions are told.
    const input = this.engine.alertInput(this.sourceDown, this.sessionEnded);
    if (this.outlookGauges) input.outlook = this.outlookGauges;
    const alertEvents = this.alerts.evaluate(input);
    if (this.capture) {
      this.states.put(this.openSec, this.engine.state(this.seq, this.health(end)));
      if (alertEvents.length > 0) this.listener.alerts(this.roomId, alertEvents);
      const cueChanges = this.cues.tick(end);
      if (cueChanges.length > 0) this.listener.cues(this.roomId, cueChanges);
    } else if (sessionEnds && this.sessionStart !== null) {
      // A rebuild stores each session's last state again (as a keyframe): a kill may have lost the one stored
      // live, and a session's figures are read from it.
      this.states.restart();
      this.states.put(this.openSec, this.engine.state(this.seq, this.health(end)));
      this.states.restart();
    } else this.states.restart();
    this.openSec = Math.max(sec, this.openSec);
  }
}
