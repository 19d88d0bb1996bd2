// Measures server/'s structure (prints, asserts nothing): the folder-level import graph (runtime imports only;
// `import type` is erased and cannot make a load-order loop) and its cycles, i.e. groups of folders that
// import each other round a loop, each with the file imports that make it. A top-level file (app.ts, the
// composition root; clock.ts, a leaf) is a node of its own, so the root does not fold every folder into one.
// Run: npx tsx test/helpers/import-graph.ts [root=server]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'server');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** The node of a file under root: its folder (first path segment), or the file itself at the top level. */
const folderOf = (file: string) => path.relative(root, file).split(path.sep)[0]!;

// Static imports and re-exports whose whole clause is not type-only.
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
const edges = new Map<string, Map<string, string[]>>(); // from folder → to folder → "file → file" lines
for (const file of files(root)) {
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    if (!target.startsWith(root + path.sep)) continue;
    const [from, to] = [folderOf(file), folderOf(target)];
    if (from === to) continue;
    const out = edges.get(from) ?? new Map<string, string[]>();
    edges.set(from, out);
    out.set(to, [...(out.get(to) ?? []), `${path.relative(root, file)} → ${path.relative(root, target)}`]);
  }
}

// Strongly connected components (Tarjan): every component of more than one folder is a cycle.
const folders = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])])].sort();
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const sccs: string[][] = [];
let next = 0;
function visit(v: string) {
  index.set(v, next);
  low.set(v, next++);
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
  }
  if (low.get(v) === index.get(v)) {
    const c: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      c.push(w);
    } while (w !== v);
    if (c.length > 1) sccs.push(c.sort());
  }
}
for (const f of folders) if (!index.has(f)) visit(f);

console.log(`folder imports of ${path.relative(process.cwd(), root) || '.'} (runtime only):`);
for (const f of folders) {
  const out = [...(edges.get(f)?.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b));
  console.log(`  ${f} → ${out.map(([t, why]) => `${t} (${why.length})`).join(', ') || '—'}`);
}
console.log(`\n${sccs.length} folder cycle(s)`);
for (const c of sccs) {
  console.log(`  {${c.join(', ')}}`);
  for (const a of c)
    for (const [b, why] of edges.get(a) ?? []) if (c.includes(b)) for (const w of why) console.log(`    ${w}`);
}
