// Issue 9, seat links in Chromium: opening /?room=…&token=… leaves no token in the address bar, in storage or
// readable by page script (HttpOnly cookie); the big screen, prompter, replay and report render under the
// server's CSP with no violation reported.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

describe.skipIf(!e2eReady && !process.env.CI)('seat links and CSP in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ demoPeakOnline: 300 });
  }, 60_000);
  afterAll(() => e2e?.close());

  /** Collects CSP violations the page sees (the event) and reports (the console). */
  async function watchCsp(page: Page): Promise<string[]> {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    return seen;
  }

  async function noTokenLeft(page: Page, token: string) {
    expect(page.url()).not.toContain(token);
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(token);
    expect(await page.evaluate(() => document.cookie)).not.toContain(token);
  }

  it('exchanges the token for an HttpOnly cookie on the big screen and the prompter, under the CSP', async () => {
    const { tokens } = e2e.room;
    for (const [seat, testid] of [
      ['controller', 'big-screen'],
      ['host', 'prompter'],
    ] as const) {
      const page = await e2e.open(seat);
      const csp = await watchCsp(page);
      await page.reload(); // the init script watches from the start of this load (the cookie opens it now)
      await page.waitForSelector(`[data-testid="${testid}"]`, { timeout: 20_000 });
      await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 20_000 });
      await noTokenLeft(page, tokens[seat]);
      expect(page.url()).toContain(`seat=${seat}`);
      await page.screenshot({ path: screenshotPath(`seat-session-${seat}.png`) });
      expect(csp).toEqual([]);
      await page.close();
    }
  });

  it('renders the replay and the report from the cookie, under the CSP', async () => {
    const res = await e2e.api(`/api/rooms/${e2e.room.id}/sessions`, e2e.room.tokens.viewer);
    const [session] = (await res.json()) as { id: string }[];
    expect(session).toBeDefined();
    const page = await e2e.open('viewer', { replay: true });
    const csp = await watchCsp(page);
    await page.reload();
    await page.waitForSelector('[data-testid="replay-screen"]', { timeout: 20_000 });
    await noTokenLeft(page, e2e.room.tokens.viewer);
    await page.screenshot({ path: screenshotPath('seat-session-replay.png') });
    await page.goto(`${e2e.url}/?room=${e2e.room.id}&seat=viewer&report=${session!.id}`);
    await page.waitForSelector('[data-testid="report-view"]', { timeout: 20_000 });
    await page.screenshot({ path: screenshotPath('seat-session-report.png') });
    expect(csp).toEqual([]);
  });
});
