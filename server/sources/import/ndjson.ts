// NDJSON (one JSON value per line) as read from a recorded stream, judged line by line: a broken line rejects
// only itself. Items stay aligned with the batch: item i is the i-th non-blank line, so a caller reports
// `index: i` for each rejection, exactly as the push route does for its bodies (ingest/parse-body.ts).
export type NdjsonItem = { ok: true; value: unknown } | { ok: false; code: 'invalid_json'; message: string };

const MAX_MESSAGE_CHARS = 160;

export function parseNdjson(text: string): { items: NdjsonItem[] } {
  const items: NdjsonItem[] = [];
  // A byte-order mark from an editor on Windows is not part of the first value.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let lineNo = 0;
  for (const raw of body.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    try {
      items.push({ ok: true, value: JSON.parse(line) });
    } catch (err) {
      const reason = (err as Error).message.slice(0, MAX_MESSAGE_CHARS);
      items.push({ ok: false, code: 'invalid_json', message: `line ${lineNo} is not JSON: ${reason}` });
    }
  }
  return { items };
}
