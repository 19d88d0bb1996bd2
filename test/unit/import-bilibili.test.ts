// Bilibili danmaku XML import: the real recordings (kit) and a generated one (repo) read completely (counts and
// viewers as stated), in time order with idempotent ids; entities, sub-second order and malformed elements handled.
import fs from 'node:fs';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { parseBilibiliXml, unescapeXml } from '../../server/sources/import/bilibili-xml.ts';
import { EventSchemas } from '../../shared/events.ts';
import { generateDanmaku } from '../fixtures/danmaku.ts';
import { KIT_DATA, kitDataPath } from '../helpers/kit-data.ts';
import { needs } from '../helpers/requirements.ts';

const validComment = TypeCompiler.Compile(EventSchemas.comment);
const d = (p: string, text: string) => `<d p="${p}">${text}</d>`;

function expectComplete(r: ReturnType<typeof parseBilibiliXml>, messages: number, blank: number, viewers: number) {
  expect(r.skipped).toBe(blank);
  expect(r.events.length).toBe(messages - blank);
  expect(r.viewers).toBe(viewers);
  const bad = r.events.filter((e) => !validComment.Check(e));
  expect(bad.slice(0, 3)).toEqual([]);
  let unordered = 0;
  for (let i = 1; i < r.events.length; i++) if (r.events[i]!.ts < r.events[i - 1]!.ts) unordered++;
  expect(unordered).toBe(0);
  expect(new Set(r.events.map((e) => e.id)).size).toBe(r.events.length);
}

describe('Bilibili danmaku XML: a generated recording', () => {
  const f = generateDanmaku();

  it('reads every element, skips the blank ones, in time order though the file is not', () => {
    const r = parseBilibiliXml(f.xml);
    expectComplete(r, f.elements, f.blank, f.viewers);
    expect(r.events.map((e) => e.ts)).toEqual(f.comments.map((c) => c.ts));
    expect(r.events.some((e) => e.text === '<3 爱了')).toBe(true);
  });

  it('gives the same ids on a second import', () => {
    expect(parseBilibiliXml(f.xml).events.map((e) => e.id)).toEqual(parseBilibiliXml(f.xml).events.map((e) => e.id));
  });
});

describe('Bilibili danmaku XML: the real recordings', needs(KIT_DATA), () => {
  it.each([
    // Skipped: elements with an empty or blank text in the recording (3 and 8 of them).
    ['bilibili-live-2020-12-11.xml', 11_023, 3, 883],
    ['bilibili-live-2020-12-12.xml', 48_598, 8, 1523],
  ])('%s: %i messages, %i blank, viewers as SOURCE.md says', (file, messages, blank, viewers) => {
    expectComplete(parseBilibiliXml(fs.readFileSync(kitDataPath('danmaku', file), 'utf8')), messages, blank, viewers);
  });

  it('gives the same ids on a second import', () => {
    const xml = fs.readFileSync(kitDataPath('danmaku', 'bilibili-live-2020-12-11.xml'), 'utf8');
    expect(parseBilibiliXml(xml).events.map((e) => e.id)).toEqual(parseBilibiliXml(xml).events.map((e) => e.id));
  });
});

describe('Bilibili danmaku XML: the format', () => {
  it('maps p to ts, userId and id, and unescapes entities', () => {
    const r = parseBilibiliXml(
      `<i>${d('12.345,1,25,16777215,1607687000,0,ab12cd34ef,7', '&lt;b&gt; &amp; &#x597D;&#32822; &quot;&apos;')}</i>`,
    );
    expect(r.events).toEqual([
      { type: 'comment', ts: 1_607_687_000_345, id: 'bili-ab12cd34ef-7', userId: 'ab12cd34ef', text: `<b> & 好耶 "'` },
    ]);
    expect(unescapeXml('&amp;lt; &#0; &#xD800; &nbsp;')).toBe('&lt; \ufffd \ufffd &nbsp;');
  });

  it('keeps the order within a second from the sub-second part of rel_time, before the stream began too', () => {
    const xml = [
      d('1.250,1,25,1,1607687000,0,aa,1', 'second'),
      d('1.100,1,25,1,1607687000,0,bb,2', 'first'),
      d('-3.2,1,25,1,1607686996,0,cc,3', 'later before start'),
      d('-3.9,1,25,1,1607686996,0,dd,4', 'earlier before start'),
      d('1.250,1,25,1,1607687000,0,ee,5', 'same ms, after second'),
    ].join('\n');
    const r = parseBilibiliXml(xml);
    expect(r.events.map((e) => e.text)).toEqual([
      'earlier before start',
      'later before start',
      'first',
      'second',
      'same ms, after second',
    ]);
    expect(r.events.map((e) => e.ts % 1000)).toEqual([100, 800, 100, 250, 250]);
  });

  it('skips malformed p attributes and blank or overlong texts, counting them', () => {
    const xml = [
      d('bad', 'x'),
      d('1.0,1,25,1,,0,aa,1', 'no unix time'),
      d('1.0,1,25,1,1607687000,0,,2', 'no uid'),
      d('1.0,1,25,1,1607687000.5,0,aa,3', 'fractional unix time'),
      d('abc,1,25,1,1607687000,0,aa,4', 'rel not a number'),
      d('1.0,1,25,1,1607687000,0,aa,5', ''),
      d('1.0,1,25,1,1607687000,0,aa,6', '   '),
      d('1.0,1,25,1,1607687000,0,aa,7', '长'.repeat(501)),
      '<d p="1.0,1,25,1,1607687000,0,aa,8"/>',
      d('1.0,1,25,1,1607687000,0,aa,9', '<![CDATA[a < b]]>'),
      d('1.0,1,25,1,1607687000,0,aa,10', '长'.repeat(500)),
    ].join('');
    const r = parseBilibiliXml(xml);
    expect(r.events.map((e) => e.id)).toEqual(['bili-aa-9', 'bili-aa-10']);
    expect(r.events[0]!.text).toBe('a < b');
    expect(r.skipped).toBe(9);
    expect(r.viewers).toBe(1);
  });
});

describe('Bilibili danmaku XML: hostile input', () => {
  // Each was quadratic for the old regex scan (512 KB of the first took 12.7 s with every room blocked).
  it.each([
    ['unclosed start tags', `<i>${'<d p=""'.repeat(150_000)}`],
    ['unclosed elements', `<i>${'<d p="1,1,25,1,1607687000,0,a,1">x'.repeat(30_000)}`],
    ['open quotes', `<i>${'<d p="'.repeat(200_000)}`],
  ])('reads %s in one pass', (_name, xml) => {
    const r = parseBilibiliXml(xml);
    expect(r.events.length).toBeLessThanOrEqual(1);
  });

  it('still reads good elements after broken ones', () => {
    const xml = `<i><d x="1"><d p="nope"/>${d('1.0,1,25,1,1607687000,0,aa,1', '好')}<d p="1,1,25,1,1607687001,0,bb,2"/></i>`;
    const r = parseBilibiliXml(xml);
    expect(r.events.map((e) => e.text)).toEqual(['好']);
    expect(r.skipped).toBe(2);
  });
});
