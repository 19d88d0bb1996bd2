// The state held by an object graph as plain data, for "these two objects are in the same state" checks:
// functions and injected collaborators are left out, Maps and Sets become sorted lists (their order is checked
// by behaviour, not here), typed arrays become arrays, and each class instance is tagged with its class.
// lastHotWords: the engine's cache of its last hot-word ranking, never shown unless ranked again (screen-update.ts).
const SKIP = new Set(['tokenizer', 'deps', 'listener', 'states', 'checkpoints', 'driver', 'lastHotWords']);

export function objectState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (value instanceof Map) return sortByJson([...value].map(([k, v]) => [objectState(k), objectState(v)]));
  if (value instanceof Set) return sortByJson([...value].map(objectState));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(objectState);
  const out: Record<string, unknown> = { __class: value.constructor?.name };
  for (const [k, v] of Object.entries(value)) if (!SKIP.has(k) && typeof v !== 'function') out[k] = objectState(v);
  return out;
}

function sortByJson(items: unknown[]): unknown[] {
  const keyed = items.map((i) => [JSON.stringify(i) ?? '', i] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map(([, i]) => i);
}
