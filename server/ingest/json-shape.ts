// What a JSON body is made of, learnt from its bytes as they arrive and before any JSON.parse: how deep it
// nests and how many elements its top-level array has. JSON.parse of 5 MiB of `[` holds the event loop for
// half a second and of 1.7 M `{}` in an array for 400 ms; either is refused here after a byte loop instead.
// Bytes inside strings are skipped (UTF-8 continuation bytes are all ≥ 0x80, so they never look like syntax).

export class JsonShape {
  depth = 0;
  /** Commas directly inside the top-level array: its element count is this + 1 when it is not empty. */
  topCommas = 0;
  private inString = false;
  private escaped = false;

  /** Scans `chunk`; stops early (returns false) once `maxDepth` or `maxTopCommas` is passed. */
  push(chunk: Uint8Array, maxDepth: number, maxTopCommas: number): boolean {
    let { depth, inString, escaped, topCommas } = this;
    let ok = true;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > maxDepth) {
          ok = false;
          break;
        }
      } else if (c === 0x5d || c === 0x7d) depth--;
      else if (c === 0x2c && depth === 1 && ++topCommas > maxTopCommas) {
        ok = false;
        break;
      }
    }
    Object.assign(this, { depth, inString, escaped, topCommas });
    return ok;
  }
}

/** True when `bytes` nest no deeper than `maxDepth` (a whole body, before JSON.parse). */
export function withinDepth(bytes: Uint8Array, maxDepth: number): boolean {
  return new JsonShape().push(bytes, maxDepth, Number.POSITIVE_INFINITY);
}
