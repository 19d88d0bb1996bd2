// Constants shared by server and client. Units are in the names.

/** Limits at the ingest edge: a request larger than this is refused whole (HTTP 413). */
export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Barrage longer than this is not barrage but abuse; platforms cap at 20–100 characters. */
export const MAX_TEXT_CHARS = 500;
export const MAX_ID_CHARS = 128;
/** A platform display name (Bilibili allows 16 characters, Douyin and TikTok about 30). */
export const MAX_NICKNAME_CHARS = 64;
/** A single order above 1e9 yuan is a bug in the sender, not a sale. */
export const MAX_AMOUNT = 1_000_000_000;

/** Pushed events must be near "now": late data beyond a day belongs to an import, not to the live room. */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;
export const MAX_EVENT_FUTURE_MS = 5 * 60 * 1000;

/** The clock tick: every room's time-driven fields move, and an idle room's screens hear a heartbeat. */
export const DEFAULT_TICK_HZ = 2;
/** Change-driven updates of one room are at least this far apart (at most 20 per second), coalescing bursts. */
export const MIN_UPDATE_GAP_MS = 50;
export const MIN_TICK_HZ = 1;
export const MAX_TICK_HZ = 10;

/** Minute buckets kept for windows and the 5-min change (needs 10 min) and the 30-min chart. */
export const MINUTE_BUCKETS = 32;
export const WINDOW_MS = 60_000;
export const CHANGE_WINDOW_MINUTES = 5;
/** Online-viewer history on screen: 30 min at one point per 10 s. */
export const ONLINE_SERIES_STEP_MS = 10_000;
export const ONLINE_SERIES_POINTS = 180;

/** A source that said nothing for this long is stale; the screen shows it, and it is never read as a dip. */
export const SOURCE_STALE_MS = 15_000;

export const HOT_WORDS_TOP_N = 20;
export const RECENT_COMMENTS_MAX = 30;

/** A live run (session) ends after this long without events; the next event starts a new session. */
export const SESSION_GAP_MS = 10 * 60_000;

/**
 * Sane bounds for any event time, on every path (push, import, sources): a recording from before 2000 or
 * after 2100 is a unit error (seconds for ms, µs for ms) or poison (`ts: 1e300` would freeze a room's windows).
 */
export const MIN_EVENT_TS_MS = Date.UTC(2000, 0, 1);
export const MAX_EVENT_TS_MS = Date.UTC(2100, 0, 1);

/**
 * Socket command budgets (token buckets: a burst, refilled at a steady rate). A resync builds a whole snapshot,
 * so it has its own, smaller budget. Per connection, and per seat of a room across all its screens. Over
 * budget, the ack answers `rate_limited`.
 */
export const SOCKET_RESYNC_BURST = 5;
export const SOCKET_RESYNCS_PER_SECOND = 1;
export const SOCKET_COMMAND_BURST = 30;
export const SOCKET_COMMANDS_PER_SECOND = 10;
export const SEAT_RESYNC_BURST = 200;
export const SEAT_RESYNCS_PER_SECOND = 50;
export const SEAT_COMMAND_BURST = 60;
export const SEAT_COMMANDS_PER_SECOND = 20;
/** A socket whose unsent output grows past this is dropped (it stopped reading), never buffered forever. */
export const MAX_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

/** Caps on what a snapshot carries and a room keeps, so no seat can grow every screen's messages. */
export const MAX_OPEN_CUES_PER_ROOM = 50;
/** Cues kept in memory per room (open and recently closed); the journal keeps them all. */
export const MAX_CUES_KEPT_PER_ROOM = 500;
/** Cues in a snapshot's list besides the open ones. */
export const RECENT_CUES_IN_SNAPSHOT = 30;
export const MAX_ALERT_RULES = 100;
export const MAX_PRODUCTS = 1000;
/** Templates in the 话术库 (kept in the browser). */
export const MAX_SCRIPTS = 200;

/**
 * Imports are streamed: parsed line by line (NDJSON) or element by element (Bilibili XML) as the body arrives,
 * stored in chunks, in bounded memory, so a recording of any length imports in one request (a 4-hour room is
 * over 100 MB, a 1 GB file imports). What is limited is per import and per server, never the file size:
 * lines per import (413 `too_many_lines` past it; what came before is stored), bytes per line (that line
 * refused: `line_too_long`), and imports running at once (429).
 */
export const MAX_IMPORT_LINES = 50_000_000;
export const MAX_IMPORT_LINE_BYTES = 64 * 1024;
/**
 * A body whose first this many lines or elements are all refused is not a recording (the wrong format, or an
 * attack such as 16 MiB of `{}`): answered 422 `not_a_recording` without reading the rest. Nothing was stored.
 */
export const IMPORT_GIVE_UP_LINES = 100_000;
/** One import per room at a time (a second is refused, 429 `import_busy`); per server, this many run at once. */
export const MAX_IMPORTS_RUNNING = 4;
/** Imports waiting for a free slot (their bodies unread) beyond the running ones; past it, 429 `too_many_imports`. */
export const MAX_IMPORTS_QUEUED = 8;
/** An import's `speed`: 0 (at once), or a replay factor within this range. */
export const MIN_IMPORT_SPEED = 0.1;
export const MAX_IMPORT_SPEED = 100_000;
/** JSON bodies nested deeper than this are refused before parsing (16 MiB of `[` is 3 s of JSON.parse). */
export const MAX_JSON_DEPTH = 64;
/** Imports parse, validate and store in slices of at most this much work before yielding to other rooms. */
export const IMPORT_SLICE_MS = 10;

/** Failed authentications allowed per address per window (HTTP 401s and refused socket handshakes). */
export const AUTH_FAILURES_PER_WINDOW = 20;
export const AUTH_FAILURE_WINDOW_MS = 60_000;
export const MAX_TRACKED_AUTH_ADDRESSES = 10_000;
