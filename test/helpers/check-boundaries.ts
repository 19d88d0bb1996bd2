// The client's import boundaries (docs/DESIGN.md, issue 18): a feature imports only widgets/, lib/, stores/
// and shared/, never another feature; widgets/, lib/ and stores/ never import a feature; and no module of
// client/src takes part in an import cycle. Run by `npm run check`; prints every offending import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Source files by path relative to client/src (posix separators), with their text. */
export type SourceTree = Record<string, string>;

export interface Problem {
  kind: 'cross-feature' | 'layer' | 'cycle';
  text: string;
}

// Static imports, re-exports and dynamic import() alike: a lazy import still ties two features together.
const IMPORT = /(?:\bimport\s[^'"]*?from\s*|\bexport\s[^'"]*?from\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1]!);
}

const featureOf = (file: string): string | null => (file.startsWith('features/') ? file.split('/')[1]! : null);
const LOWER = ['widgets/', 'lib/', 'stores/'];

/** Every import of the tree resolved inside it: relative specifiers only (packages and shared/ fall outside). */
function edges(tree: SourceTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, text] of Object.entries(tree)) {
    const targets: string[] = [];
    for (const spec of importsOf(text)) {
      if (!spec.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      if (target in tree) targets.push(target);
    }
    out.set(file, targets);
  }
  return out;
}

export function checkBoundaries(tree: SourceTree): Problem[] {
  const graph = edges(tree);
  const problems: Problem[] = [];
  for (const [file, targets] of graph) {
    const from = featureOf(file);
    for (const target of targets) {
      const to = featureOf(target);
      if (from && to && from !== to)
        problems.push({ kind: 'cross-feature', text: `${file} → ${target} (feature ${from} imports feature ${to})` });
      else if (!from && to && LOWER.some((l) => file.startsWith(l)))
        problems.push({ kind: 'layer', text: `${file} → ${target} (${file.split('/')[0]}/ imports a feature)` });
    }
  }
  for (const cycle of cycles(graph)) problems.push({ kind: 'cycle', text: `${cycle.join(' → ')}` });
  return problems;
}

/** Each import cycle once (Tarjan's strongly connected components, shown as one path round the loop). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) !== idx.get(v)) return;
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    const self = (graph.get(v) ?? []).includes(v);
    if (comp.length > 1 || self) found.push(loopThrough(graph, new Set(comp), v));
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

/** A path from start back to start inside one component (breadth-first, so the shortest). */
function loopThrough(graph: Map<string, string[]>, comp: Set<string>, start: string): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)!) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

export function readTree(root: string): SourceTree {
  const tree: SourceTree = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name)) tree[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return tree;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../client/src');
  const problems = checkBoundaries(readTree(root));
  for (const p of problems) console.error(`${p.kind}: ${p.text}`);
  if (problems.length > 0) {
    console.error(`client boundaries: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('client boundaries: ok');
}
