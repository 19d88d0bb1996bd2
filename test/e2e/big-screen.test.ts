// The built client in Debian's Chromium against the real server: the demo room's numbers change on the big
// screen; screenshots are saved under artifacts/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

describe.skipIf(!e2eReady && !process.env.CI)('big screen in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ demoPeakOnline: 300 });
  });
  afterAll(() => e2e?.close());

  it('shows the demo room live, numbers changing, in Chinese and English', async () => {
    // A fresh browser per test: the language chosen here is kept in the profile.
    try {
      const errors: string[] = [];
      const page = await e2e.open('controller', { pageErrors: errors });
      await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 15_000 });
      const online = page.getByTestId('kpi-online');
      await expect.poll(async () => (await online.textContent())?.trim(), { timeout: 15_000 }).toMatch(/\d/);
      const first = await page.getByTestId('kpi-entries').textContent();
      const firstComments = await page.getByTestId('barrage-ticker').textContent();
      await expect
        .poll(
          async () =>
            (await page.getByTestId('kpi-entries').textContent()) !== first ||
            (await page.getByTestId('barrage-ticker').textContent()) !== firstComments,
          { timeout: 20_000 },
        )
        .toBe(true);
      await page.waitForTimeout(3000); // let the charts fill for the screenshot
      await page.screenshot({ path: screenshotPath('big-screen-zh.png') });
      await page.getByTestId('lang-toggle').click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('big-screen-en.png') });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath('big-screen-laptop.png') });
      expect(errors).toEqual([]);
    } finally {
      await e2e.closeBrowser();
    }
  });

  it('shows a clear error for a wrong token', async () => {
    try {
      const page = await e2e.open('controller', { token: 'wrong-token' });
      await page.waitForSelector('[data-testid="conn-badge"][data-status="error"]', { timeout: 15_000 });
      expect(await page.getByTestId('conn-badge').textContent()).toBeTruthy();
    } finally {
      await e2e.closeBrowser();
    }
  });
});
