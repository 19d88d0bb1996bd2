// Issue 16.8, README's promise against a real Chromium profile: after a seat is opened from the link the admin
// hands out (a one-time join link) and the browser is closed, no seat token is anywhere in the profile: not in
// the History database (`urls`, `visits`), not in the HTTP cache, not in the Sessions/Tabs files, not in web
// storage. The seat cookie holds the token by design (HttpOnly); it is the one file not searched. A control
// run opens an old-style token link and finds its token in History, so the search is known to see one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinUrl } from '../../shared/seat-links.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';
import { ADMIN, tempDir } from '../helpers/server.ts';

/** The profile files that mention `secret` (as UTF-8 or UTF-16), the cookie store aside. */
function filesHolding(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !/^Cookies(-journal)?$/.test(e.name)) {
        const bytes = fs.readFileSync(p);
        if (needles.some((n) => bytes.includes(n))) found.push(path.relative(dir, p));
      }
    }
  };
  walk(dir);
  return found;
}

function historyUrls(dir: string): string[] {
  const db = new Database(path.join(dir, 'Default', 'History'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT url FROM urls').all() as { url: string }[]).map((r) => r.url);
  } finally {
    db.close();
  }
}

describe.skipIf(!e2eReady && !process.env.CI)('seat tokens leave no trace in a Chromium profile', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '无痕直播间' });
  }, 60_000);
  afterAll(() => e2e?.close());

  async function joinLink(seat: string): Promise<string> {
    const res = await e2e.api(`/api/rooms/${e2e.room.id}/seats/${seat}/join-link`, ADMIN, 'POST', {});
    return joinUrl(e2e.url, e2e.room.id, ((await res.json()) as { code: string }).code);
  }

  it('after opening the big screen and the prompter from join links and closing the browser', async () => {
    const dir = tempDir('chromium-traces-');
    const browser = await launchBrowser(dir);
    try {
      const big = await browser.newPage();
      await big.goto(await joinLink('controller'));
      await big.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 20_000 });
      expect(big.url()).toContain('seat=controller');
      await big.reload(); // the seat cookie opens it again, with no link
      await big.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 20_000 });
      const host = await browser.newPage();
      await host.goto(await joinLink('host'));
      await host.waitForSelector('.prompter:not(.offline)', { timeout: 20_000 });
      expect(host.url()).toContain('seat=host');
    } finally {
      await browser.close();
    }
    const urls = historyUrls(dir);
    expect(urls.some((u) => u.includes('seat=controller'))).toBe(true); // History was written
    expect(fs.readdirSync(path.join(dir, 'Default', 'Sessions')).length).toBeGreaterThan(0);
    for (const [seat, token] of Object.entries(e2e.room.tokens)) {
      expect(
        urls.filter((u) => u.includes(token)),
        seat,
      ).toEqual([]);
      expect(filesHolding(dir, token), seat).toEqual([]);
    }
  }, 90_000);

  it('control: a link that carries the token does leave it in History (why the admin hands out join links)', async () => {
    const dir = tempDir('chromium-control-');
    const browser = await launchBrowser(dir);
    try {
      const page = await browser.newPage();
      await page.goto(`${e2e.url}/?room=${e2e.room.id}&token=${e2e.room.tokens.viewer}`);
      await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 20_000 });
      expect(page.url()).not.toContain(e2e.room.tokens.viewer); // gone from the address bar, not from History
    } finally {
      await browser.close();
    }
    expect(historyUrls(dir).some((u) => u.includes(e2e.room.tokens.viewer))).toBe(true);
    expect(filesHolding(dir, e2e.room.tokens.viewer)).toContain(path.join('Default', 'History'));
  }, 90_000);
});
