// Tests that need something outside the repo (the kit's recordings, a PostgreSQL or Redis server) declare it,
// and are skipped with the reason when it is absent; `npm test`'s closing summary lists them by name and why
// (print-summary.ts reads `meta.skipReason` from vitest's JSON report). Setting TEST_REQUIRE=name,name (CI does
// for the kit and the services) turns a missing requirement into a failure instead of a skip.
import fs from 'node:fs';
import path from 'node:path';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test was skipped: set by `needs()` on the suite or test, read by print-summary.ts. */
    skipReason?: string;
  }
}

export interface Requirement {
  /** Short name, also the word TEST_REQUIRE lists. */
  readonly name: string;
  /** Null when present; else why it is missing, as the summary prints it. */
  readonly missing: string | null;
}

export function requirement(name: string, missing: string | null): Requirement {
  return { name, missing };
}

function required(): Set<string> {
  return new Set(
    (process.env.TEST_REQUIRE ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Options for `describe`/`it`: skip with the reasons of the missing requirements, or run. Usage:
 *  `describe('on the real recordings', needs(KIT_DATA), () => { … })`. */
export function needs(...reqs: Requirement[]): { skip?: boolean; meta?: { skipReason: string } } {
  const missing = reqs.filter((r) => r.missing !== null);
  if (missing.length === 0) return {};
  const mustHave = missing.filter((r) => required().has(r.name));
  if (mustHave.length > 0)
    throw new Error(`TEST_REQUIRE lists ${mustHave.map((r) => `${r.name} (${r.missing})`).join(', ')}`);
  return { skip: true, meta: { skipReason: missing.map((r) => `${r.name}: ${r.missing}`).join('; ') } };
}

/** The kit's real recordings (../shared/data): test input only, never copied into the repo. */
export function kitDataDir(): string {
  return path.resolve(process.cwd(), '../shared/data');
}

export const KIT_DATA = requirement(
  'kit',
  fs.existsSync(path.join(kitDataDir(), 'danmaku'))
    ? null
    : `needs the kit's recordings at ${kitDataDir()}/danmaku (absent: the kit ../shared is not beside the repo)`,
);
