import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBilibiliXml, unescapeXml } from '../../server/sources/import/bilibili-xml.ts';
import { kitDataPath } from '../helpers/kit-data.ts';

describe('Bilibili danmaku XML', () => {
  it.each([
    ['bilibili-live-2020-12-11.xml', 11_023, 883],
    ['bilibili-live-2020-12-12.xml', 48_598, 1523],
  ])('%s: every message read or counted as skipped, viewers as SOURCE.md says', (file, messages, viewers) => {
    const r = parseBilibiliXml(fs.readFileSync(kitDataPath('danmaku', file), 'utf8'));
    expect(r.events.length + r.skipped).toBe(messages);
    expect(r.skipped).toBeLessThan(20);
    expect(r.viewers).toBe(viewers);
    for (let i = 1; i < r.events.length; i++) expect(r.events[i]!.ts).toBeGreaterThanOrEqual(r.events[i - 1]!.ts);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(r.events.length);
  });

  it('unescapes entities and keeps sub-second order', () => {
    const xml = `<i><d p="1.250,1,25,16777215,1607687000,0,aa,1">&lt;b&gt; &amp; &#x597D;&#32822;</d><d p="1.100,1,25,16777215,1607687000,0,bb,2">first</d><d p="bad">x</d><d p="2,1,25,1,1607687001,0,cc,3"></d></i>`;
    const r = parseBilibiliXml(xml);
    expect(r.events.map((e) => e.text)).toEqual(['first', '<b> & 好耶']);
    expect(r.events[0]!.ts).toBe(1607687000100);
    expect(r.skipped).toBe(2);
    expect(unescapeXml('&quot;&apos;')).toBe(`"'`);
  });
});
