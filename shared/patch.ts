// The patch format of `room:patch` (docs/API.md "Patches"): after a snapshot, a screen's state moves by lists
// of operations, each computed against the state of the previous seq. Format 1:
//   ['s', path, value]         set the value at path (creating the key)
//   ['d', path]                delete the key at path
//   ['p', path, items, length] the array at path becomes items followed by its old elements, cut to length
//                              (newest-first lists such as recentComments gain lines without resending them)
// A path is the keys and array indexes from the root joined by '.', '' being the root itself. Keys that
// cannot be written so ('', with '.', or prototype names) are never in a path: their parent is set whole.
// The schema of an operation is in patch-schema.ts.
import type { PatchOp } from './patch-schema.ts';

export type { PatchOp } from './patch-schema.ts';
export const PATCH_FORMAT = 1;

type Json = unknown;
type Obj = Record<string, Json>;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const safeKey = (k: string) => k !== '' && !k.includes('.') && !UNSAFE_KEYS.has(k);
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/** Deep equality of JSON values; a key holding undefined counts as absent (JSON drops it). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** The operations that turn `prev` into `next` (empty when they are equal). */
export function diff(prev: Json, next: Json): PatchOp[] {
  const ops: PatchOp[] = [];
  diffAt(prev, next, '', ops);
  return ops;
}

const size = (v: unknown) => JSON.stringify(v)?.length ?? 0;

function diffAt(a: Json, b: Json, path: string, ops: PatchOp[]): void {
  if (a === b) return;
  const sub: PatchOp[] = [];
  if (Array.isArray(a) && Array.isArray(b)) diffArray(a, b, path, sub);
  else if (isObj(a) && isObj(b) && Object.keys(b).every((k) => b[k] === undefined || safeKey(k)))
    diffObject(a, b, path, sub);
  else {
    if (!jsonEqual(a, b)) ops.push(['s', path, b]);
    return;
  }
  // Below the root, whichever is smaller on the wire: the detailed operations or the value whole.
  if (sub.length > 1 && path !== '' && size(sub) > size(b) + path.length + 8) ops.push(['s', path, b]);
  else for (const op of sub) ops.push(op);
}

function diffObject(a: Obj, b: Obj, path: string, ops: PatchOp[]): void {
  for (const k of Object.keys(b)) {
    if (b[k] === undefined) continue;
    if (a[k] === undefined || !Object.hasOwn(a, k)) ops.push(['s', join(path, k), b[k]]);
    else diffAt(a[k], b[k], join(path, k), ops);
  }
  for (const k of Object.keys(a)) {
    if (a[k] !== undefined && (b[k] === undefined || !Object.hasOwn(b, k))) {
      if (safeKey(k)) ops.push(['d', join(path, k)]);
      else return void ops.splice(0, ops.length, ['s', path, b]);
    }
  }
}

function diffArray(a: Json[], b: Json[], path: string, ops: PatchOp[]): void {
  const shift = prependedCount(a, b);
  if (shift > 0) {
    ops.push(['p', path, b.slice(0, shift), b.length]);
    return;
  }
  if (a.length !== b.length) {
    ops.push(['s', path, b]);
    return;
  }
  for (let i = 0; i < b.length; i++) diffAt(a[i], b[i], join(path, i), ops);
}

/** k > 0 when b is k new items followed by a's first b.length − k items; 0 when it is not such a shift. */
function prependedCount(a: Json[], b: Json[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  for (let k = 1; k < b.length; k++) {
    if (b.length - k > a.length) continue;
    if (!jsonEqual(b[k], a[0])) continue;
    let same = true;
    for (let i = k + 1; i < b.length && same; i++) same = jsonEqual(b[i], a[i - k]);
    if (same) return k;
  }
  return 0;
}

/**
 * Applies the operations to a copy of `state`: only the containers on each operation's path are copied, the
 * rest is shared, so unchanged parts keep their identity (React selectors skip them). Throws on an operation
 * that does not fit the state (the caller resyncs). `rootFields` are set on the copied root afterwards (the
 * state's seq, which travels beside the operations).
 */
export function applyPatch<T>(state: T, ops: readonly PatchOp[], rootFields?: Partial<T>): T {
  let root: Json = state;
  const copied = new Set<Json>();
  for (const op of ops) {
    const path = op[1];
    if (path === '') {
      if (op[0] !== 's') root = applyAt(root, op);
      else root = op[2];
      continue;
    }
    const keys = path.split('.');
    root = own(copied, root);
    let parent = root as Obj;
    for (const k of keys.slice(0, -1)) {
      const child = read(parent, k);
      const c = own(copied, child);
      write(parent, k, c);
      parent = c as Obj;
    }
    const last = keys[keys.length - 1]!;
    if (op[0] === 's') write(parent, last, op[2]);
    else if (op[0] === 'd') deleteKey(parent, last);
    else write(parent, last, applyAt(read(parent, last), op));
  }
  if (rootFields) root = Object.assign(own(copied, root) as Obj, rootFields);
  return root as T;
}

/** The container itself when this patch already copied it, else a shallow copy (remembered). */
function own(copied: Set<Json>, v: Json): Json {
  if (copied.has(v)) return v;
  const c = Array.isArray(v) ? v.slice() : isObj(v) ? { ...v } : fail('not a container');
  copied.add(c);
  return c;
}

function applyAt(v: Json, op: PatchOp): Json {
  if (op[0] !== 'p' || !Array.isArray(v)) return fail(`cannot apply ${op[0]} at the root`);
  return [...op[2], ...v].slice(0, op[3]);
}

function checkKey(k: string): void {
  if (UNSAFE_KEYS.has(k)) fail(`unsafe key ${k}`);
}

function read(parent: Json, k: string): Json {
  checkKey(k);
  if (Array.isArray(parent)) return parent[index(parent, k)];
  if (isObj(parent) && Object.hasOwn(parent, k)) return parent[k];
  return fail(`no ${k} on the path`);
}

function write(parent: Json, k: string, v: Json): void {
  checkKey(k);
  if (Array.isArray(parent)) parent[index(parent, k)] = v;
  else (parent as Obj)[k] = v;
}

function deleteKey(parent: Json, k: string): void {
  checkKey(k);
  if (!isObj(parent)) fail(`cannot delete ${k} from an array`);
  delete (parent as Obj)[k];
}

function index(arr: Json[], k: string): number {
  const i = Number(k);
  if (!Number.isInteger(i) || i < 0 || i >= arr.length || String(i) !== k) fail(`bad index ${k}`);
  return i;
}

function fail(message: string): never {
  throw new Error(`patch: ${message}`);
}
