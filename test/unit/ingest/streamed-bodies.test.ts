// Streamed bodies (issue 16): however a body is cut into chunks, the line splitter, the JSON shape scan and
// the Bilibili XML stream see the same thing as from the whole body at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importStream } from '../../../server/ingest/import-stream.ts';
import { JsonShape, withinDepth } from '../../../server/ingest/json-shape.ts';
import { LineSplitter } from '../../../server/ingest/line-splitter.ts';
import { speedOrNull } from '../../../server/ingest/speed.ts';
import { BilibiliXmlStream, parseBilibiliXml } from '../../../server/sources/import/bilibili-xml.ts';
import { generateDanmaku } from '../../fixtures/danmaku.ts';

/** `bytes` cut at the given points (sorted, deduplicated, within range). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

function split(chunks: Buffer[], max: number): (string | null)[] {
  const s = new LineSplitter(max);
  const lines: (string | null)[] = [];
  const on = (l: Buffer | null) => lines.push(l === null ? null : l.toString('latin1'));
  for (const c of chunks) s.push(c, on);
  s.end(on);
  return lines;
}

/** What the splitter promises, from the whole body: non-blank lines, leading whitespace dropped, long ones null. */
function reference(bytes: Buffer, max: number): (string | null)[] {
  return bytes
    .toString('latin1')
    .split('\n')
    .filter((l) => /[^ \t\r]/.test(l))
    .map((l) => (l.length > max ? null : l.replace(/^[ \t\r]+/, '')));
}

const bodyBytes = fc
  .array(fc.constantFrom('a', '{}', ' ', '\t', '\r', '\n', '\n', 'é', '[', 'xyz'), { maxLength: 120 })
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

describe('LineSplitter', () => {
  it('gives the same lines for any chunking of the bytes', () => {
    fc.assert(
      fc.property(bodyBytes, fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 1, max: 12 }), (b, pts, max) => {
        expect(split(cut(b, pts), max)).toEqual(reference(b, max));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps nothing of blank runs and reports an over-long line once, in constant memory', () => {
    const s = new LineSplitter(16);
    const lines: (Buffer | null)[] = [];
    for (let i = 0; i < 1000; i++) s.push(Buffer.alloc(4096, i % 2 ? 0x0a : 0x20), (l) => lines.push(l));
    for (let i = 0; i < 1000; i++) s.push(Buffer.alloc(4096, 0x5b), (l) => lines.push(l));
    s.push(Buffer.from('\n{}\n'), (l) => lines.push(l));
    s.end((l) => lines.push(l));
    expect(lines.map((l) => (l === null ? null : l.toString()))).toEqual([null, '{}']);
    expect((s as unknown as { parts: Buffer[] }).parts).toEqual([]);
  });
});

describe('JsonShape', () => {
  it('counts top-level elements and depth alike for any chunking, strings skipped', () => {
    const value = fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 20 });
    fc.assert(
      fc.property(value, fc.array(fc.nat(), { maxLength: 10 }), (v, pts) => {
        const bytes = Buffer.from(JSON.stringify(v));
        const shape = new JsonShape();
        for (const c of cut(bytes, pts)) shape.push(c, 100, 1e9);
        expect(shape.depth).toBe(0);
        expect(v.length === 0 ? 0 : shape.topCommas + 1).toBe(v.length);
      }),
    );
  });

  it('stops at the first byte past the depth', () => {
    expect(withinDepth(Buffer.from('['.repeat(64)), 64)).toBe(true);
    expect(withinDepth(Buffer.from('['.repeat(65)), 64)).toBe(false);
    expect(withinDepth(Buffer.from(`["${'['.repeat(100)}"]`), 64)).toBe(true);
  });
});

describe('BilibiliXmlStream', () => {
  it('gives the same events for any chunking of the bytes', () => {
    const f = generateDanmaku({ showMinutes: 2, preShowMinutes: 1 });
    const bytes = Buffer.from(f.xml);
    const whole = parseBilibiliXml(f.xml);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (pts) => {
        const events: unknown[] = [];
        let skipped = 0;
        const on = (e: unknown) => (e ? events.push(e) : skipped++);
        const xml = new BilibiliXmlStream(64 * 1024);
        for (const c of cut(bytes, pts)) xml.push(c, on);
        xml.end(on);
        expect(skipped).toBe(whole.skipped);
        expect([...events].sort((a, b) => (a as { ts: number }).ts - (b as { ts: number }).ts)).toEqual(whole.events);
      }),
      { numRuns: 200 },
    );
  });

  it('drops an element that outgrows the bound and keeps what follows', () => {
    const xml = new BilibiliXmlStream(1000);
    const got: unknown[] = [];
    xml.push(Buffer.from('<i><d p="1'), (e) => got.push(e));
    for (let i = 0; i < 100; i++) xml.push(Buffer.alloc(1000, 0x31), (e) => got.push(e));
    xml.push(Buffer.from('"></d><d p="0.5,1,25,1,1607734937,0,u1,9">好</d></i>'), (e) => got.push(e));
    xml.end((e) => got.push(e));
    expect(got[0]).toBeNull();
    expect(got.filter(Boolean)).toHaveLength(1);
    expect((xml as unknown as { carry: string }).carry).toBe('');
  });
});

describe('import speed', () => {
  it('is 0 or a plain decimal from 0.1 to 100,000', () => {
    for (const ok of ['0', '0.1', '1', '2.5', '100000']) expect(speedOrNull(ok), ok).not.toBeNull();
    for (const bad of ['0x10', '1e-9', '5e-324', '0.05', '100001', '-1', 'Infinity', 'NaN', '', '1e3', ' 1', '.5'])
      expect(speedOrNull(bad), bad).toBeNull();
  });
});

describe('importStream', () => {
  const line = (i: number, ts = Date.UTC(2025, 0, 1) + i) =>
    JSON.stringify({ type: 'like', ts, id: `l${i}`, count: 1 });
  const run = (body: string, chunks: number[], maxLines = 1000) => {
    const stored: number[] = [];
    const sink = async (events: { ts: number }[]) => {
      stored.push(...events.map((e) => e.ts));
      return { accepted: events.length, duplicates: 0 };
    };
    const limits = { maxLines, giveUpLines: 1000, maxLineBytes: 1000, maxReported: 2 };
    const parts = cut(Buffer.from(body), chunks);
    const go = importStream(
      (async function* () {
        yield* parts;
      })(),
      'ndjson',
      () => Date.UTC(2025, 0, 1),
      sink,
      limits,
    );
    return { go, stored };
  };

  it('stores in time order, reports the first rejections and counts them all, for any chunking', async () => {
    const lines = [line(5), line(1), '{}', line(3), 'oops', line(2, Date.UTC(2025, 0, 1) + 6 * 60_000), '[]'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), async (pts) => {
        const { go, stored } = run(lines.join('\n'), pts);
        const tally = await go;
        expect(stored).toEqual([Date.UTC(2025, 0, 1) + 1, Date.UTC(2025, 0, 1) + 3, Date.UTC(2025, 0, 1) + 5]);
        expect(tally).toMatchObject({ total: 7, accepted: 3, rejectedCount: 4 });
        expect(tally.rejected.map((r) => [r.index, r.code])).toEqual([
          [2, 'unknown_type'],
          [4, 'invalid_json'],
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it('gives up on a body whose first lines are all refused (422 not_a_recording), storing nothing', async () => {
    const { go, stored } = run(`${'{}\n'.repeat(1000)}${line(1)}`, [7, 300]);
    await expect(go).rejects.toMatchObject({ statusCode: 422, code: 'not_a_recording' });
    expect(stored).toEqual([]);
  });

  it('answers 413 too_many_lines past the limit, after storing the lines before it', async () => {
    const { go, stored } = run([0, 1, 2, 3, 4].map((i) => line(i)).join('\n'), [], 3);
    await expect(go).rejects.toMatchObject({ statusCode: 413, code: 'too_many_lines' });
    expect(stored).toHaveLength(3);
  });
});
