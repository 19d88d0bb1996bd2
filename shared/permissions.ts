// Who may do what: the one table of actions and the callers allowed each. The HTTP routes name their action
// (`config: { action }`, one preHandler checks it: server/http/permission-hook.ts), the socket commands are
// the actions named as their commands (COMMAND_SEATS in protocol.ts is picked from here), and the seats that
// receive alerts are here too. The server enforces it; the client only hides buttons.
import type { Seat } from './protocol.ts';

/** A room's seat, its ingest token, or the admin token (which opens every room). */
export type Caller = Seat | 'ingest' | 'admin';

const SCREENS = ['controller', 'assistant', 'host', 'viewer'] as const;

export const PERMISSIONS = {
  // HTTP, a room's own calls (the admin-only calls check the admin token alone: http/auth.ts requireAdmin).
  'room.read': ['admin', 'ingest', ...SCREENS],
  'room.state.read': ['admin', ...SCREENS, 'ingest'],
  'catalogue.write': ['admin', 'controller', 'ingest'],
  'quarantine.read': ['admin', 'controller'],
  'events.push': ['ingest'],
  'recording.import': ['admin', 'ingest'],
  'source.read': ['admin', ...SCREENS, 'ingest'],
  'source.write': ['admin', 'controller'],
  'rules.read': ['admin', 'controller', 'assistant', 'viewer', 'host'],
  'rules.write': ['admin', 'controller', 'assistant'],
  'alerts.read': ['admin', 'controller', 'assistant', 'viewer'],
  'targets.read': ['admin', 'controller', 'assistant', 'viewer'],
  'targets.write': ['admin', 'controller'],
  'effects.read': ['admin', 'controller', 'assistant', 'viewer'],
  /** Sessions, their reports, CSV, stored states and cohorts (the replay). */
  'sessions.read': ['admin', ...SCREENS],
  /** An explicit session start or end. */
  'session.mark': ['admin', 'controller'],
  // Socket commands on /live, by their names (seats only: the admin and ingest tokens open no screen).
  'room:resync': [...SCREENS],
  'alert:ack': ['controller', 'assistant'],
  'alert:snooze': ['controller', 'assistant'],
  'cue:push': ['controller', 'assistant'],
  'cue:cancel': ['controller', 'assistant'],
  'cue:ack': ['host'],
  'cue:seen': ['host'],
  'room:targets': ['controller'],
  'question:cue': ['controller', 'assistant'],
  'question:answer': ['controller', 'assistant'],
  'question:ignore': ['controller', 'assistant'],
  'action:mark': ['controller', 'assistant'],
  // Pushes: alerts go to the seats that act on them or watch; the host gets cues, not alarms.
  'alerts.receive': ['controller', 'assistant', 'viewer'],
} as const satisfies Record<string, readonly Caller[]>;

export type Action = keyof typeof PERMISSIONS;

/** The callers allowed `action`. */
export function allowedFor(action: Action): readonly Caller[] {
  return PERMISSIONS[action];
}

export function may(caller: Caller, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Caller[]).includes(caller);
}

/** The table's entries for `actions`, keeping each one's literal seats (COMMAND_SEATS is built this way). */
export function pickActions<K extends Action>(actions: readonly K[]): { readonly [P in K]: (typeof PERMISSIONS)[P] } {
  return Object.fromEntries(actions.map((a) => [a, PERMISSIONS[a]])) as { [P in K]: (typeof PERMISSIONS)[P] };
}
