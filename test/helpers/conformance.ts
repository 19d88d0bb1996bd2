// The conformance fixtures (test/fixtures/connectors/conformance/*.json): each case is a run of platform
// messages in their published shape, the events they must become field by field, and what the connector
// must say about them. Every case is run through the connector's real decode and mapping.
import fs from 'node:fs';
import { parseJsonLongIds } from '../../server/sources/connectors/map-helpers.ts';

export interface ConformanceCase {
  name: string;
  /** Where the message's shape comes from (also listed in test/fixtures/connectors/README.md). */
  source: string;
  messages: unknown[];
  /** The events, without `ts` (the run's receive time is added). */
  expect: Record<string, unknown>[];
  masked?: boolean;
  onAir?: boolean;
  reason?: string;
  bad?: boolean;
  unknown?: boolean;
  /** Event time of each message after CONFORMANCE_TS (ms), when the mapping depends on it (TikTok streaks). */
  at?: number[];
  /** Then the source's sweep at this offset (TikTok's streak timeout). */
  sweepAt?: number;
}

export const CONFORMANCE_TS = 1_764_763_200_000;

export function conformanceCases(file: string): ConformanceCase[] {
  const url = new URL(`../fixtures/connectors/conformance/${file}`, import.meta.url);
  // Long ids (19-digit message and order ids) stay exact, as the connectors read them off the wire.
  return parseJsonLongIds(fs.readFileSync(url, 'utf8')) as ConformanceCase[];
}

/** The expected events with their time: CONFORMANCE_TS, or that plus `dt` ms when the case gives one. */
export const withTs = (events: Record<string, unknown>[], ts = CONFORMANCE_TS) =>
  events.map(({ dt, ...e }) => ({ ts: ts + ((dt as number | undefined) ?? 0), ...e }));
