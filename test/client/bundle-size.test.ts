// Size budgets of the built client (npm test builds it first): the JavaScript a screen needs before it can
// show anything — the entry, the chunk of its start and of its screen, and everything they import statically
// — read from Vite's manifest and gzipped. The phone prompter must stay light; the big screen carries ECharts.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { needs, requirement } from '../helpers/requirements.ts';

const DIST = path.resolve('dist/client');
const MANIFEST = path.join(DIST, '.vite/manifest.json');
const BUILT = requirement('built client', fs.existsSync(MANIFEST) ? null : `no ${MANIFEST} (run vite build first)`);

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

/** Gzipped bytes of the JS loaded first for a screen whose start goes through `keys` (manifest keys). */
function initialJsGzip(keys: string[]): { bytes: number; files: string[] } {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const k of ['index.html', ...keys]) visit(k);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
  return { bytes, files: [...files] };
}

const KB = 1024;

describe('bundle size', needs(BUILT), () => {
  it('the prompter loads at most 80 KB of JS (gzip) and no chart code', () => {
    const { bytes, files } = initialJsGzip(['src/features/prompter/light-prompter.ts']);
    expect(bytes, files.join(', ')).toBeLessThanOrEqual(80 * KB);
    const echarts = initialJsGzip(['src/features/big-screen/big-screen.tsx']).files.filter((f) => !files.includes(f));
    for (const f of files) expect(fs.readFileSync(path.join(DIST, f), 'utf8')).not.toContain('echarts');
    expect(echarts.length).toBeGreaterThan(0);
  });

  it('the big screen loads at most 300 KB of JS (gzip)', () => {
    const { bytes, files } = initialJsGzip(['src/react-app.tsx', 'src/features/big-screen/big-screen.tsx']);
    expect(bytes, files.join(', ')).toBeLessThanOrEqual(300 * KB);
  });

  it('the replay, the report and the admin screen are chunks of their own, loaded on demand', () => {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
    const lazy = Object.values(manifest).flatMap((c) => c.dynamicImports ?? []);
    for (const key of [
      'src/features/replay/replay-screen.tsx',
      'src/features/replay/report-view.tsx',
      'src/features/admin/admin-screen.tsx',
      'src/features/big-screen/big-screen.tsx',
      'src/features/assistant/assistant-console.tsx',
    ])
      expect(lazy, key).toContain(key);
  });
});
