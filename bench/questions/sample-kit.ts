// How the kit's real barrage lines to hand-label were chosen (run once; the result is kit-labels.tsv, which
// keeps only file + <d> index, never the text). Real Bilibili chat has few questions, so the sample is enriched:
// per file, 220 lines drawn from those with a question cue (？/?, 吗 么 呢, 什么 怎么 多少 几 哪 谁 啥 咋, A不A)
// and 80 drawn from all other lines, each with a fixed seed, distinct texts only (the spam burst counts once).
// Each drawn line goes to the tuning or the held-out half by a second seeded coin, before any labelling.
// Usage: npx tsx bench/questions/sample-kit.ts > bench/questions/kit-labels.tsv (then label by hand)
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(process.cwd(), '../shared/data/danmaku');
const FILES = ['bilibili-live-2020-12-11.xml', 'bilibili-live-2020-12-12.xml'];
const CUE = /[？?]|吗|么|呢|什么|怎么|多少|几|哪|谁|为啥|啥|咋|是不是|有没有|能不能|会不会|可不可以|要不要/;

/** mulberry32: a small seeded generator, so the sample is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw<T>(items: T[], n: number, rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

export function readIndexed(file: string): { index: number; text: string }[] {
  const xml = fs.readFileSync(path.join(DIR, file), 'utf8');
  const out: { index: number; text: string }[] = [];
  let index = 0;
  for (const [, raw] of xml.matchAll(/<d p="[^"]+">([^<]*)<\/d>/g)) out.push({ index: index++, text: raw! });
  return out;
}

// Second draw (`--fresh`): 110 cued + 40 other per file with another seed, none of the first draw's lines or
// texts, all held out (kit-heldout.tsv): the first draw's held-out half was looked at and became tuning data.
if (import.meta.url === `file://${process.argv[1]}`) {
  const fresh = process.argv.includes('--fresh');
  const rand = rng(fresh ? 21 : 20);
  const split = rng(2020);
  const taken = new Set<string>();
  if (fresh)
    for (const l of fs
      .readFileSync(path.join(path.dirname(process.argv[1]!), 'kit-labels.tsv'), 'utf8')
      .split('\n')
      .slice(1))
      if (l) taken.add(l.split('\t').slice(0, 2).join('\t'));
  const [nCued, nOther] = fresh ? [110, 40] : [220, 80];
  console.log('file\td_index\tsplit\tis_question\ttopic');
  for (const file of FILES) {
    const seen = new Set<string>();
    const all = readIndexed(file);
    for (const d of all) if (taken.has(`${file}\t${d.index}`)) seen.add(d.text);
    const distinct = all.filter((d) => !seen.has(d.text) && seen.add(d.text));
    const cued = distinct.filter((d) => CUE.test(d.text));
    const other = distinct.filter((d) => !CUE.test(d.text));
    const picked = [...draw(cued, nCued, rand), ...draw(other, nOther, rand)].sort((a, b) => a.index - b.index);
    for (const d of picked)
      console.log(`${file}\t${d.index}\t${fresh ? 'held' : split() < 0.5 ? 'tune' : 'held'}\t-\t-`);
  }
}
