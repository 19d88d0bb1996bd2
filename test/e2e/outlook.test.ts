// The big screen's outlook row in Chromium: a room with three imported past sessions and today's first 40
// minutes, targets set by the 场控; screenshots of the overlay, pacing and heat map at 1080p and 4K.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';
import { ADMIN, importAll } from '../helpers/server.ts';

const DAY = 24 * 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 12);

describe.skipIf(!e2eReady && !process.env.CI)('outlook on the big screen in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '历史对比' });
    for (let i = 0; i < 4; i++) {
      const start = T0 + i * DAY;
      const sim = createSimulator({
        seed: 70 + i,
        catalogueSeed: 3,
        startTs: start,
        peakOnline: 60,
        durationMs: 60 * MIN,
      });
      // Today (the fourth) is 40 minutes in.
      const events = i < 3 ? sim.advance(Number.POSITIVE_INFINITY) : sim.advance(start + 40 * MIN + 30_000);
      expect((await importAll(e2e.server, e2e.room.id, events)).statusCode).toBe(200);
    }
    e2e.server.ticker.tickAll();
    const put = await e2e.api(`/api/rooms/${e2e.room.id}/targets`, ADMIN, 'PUT', {
      gmv: 30_000,
      orders: 90,
      peakOnline: 80,
    });
    expect(put.status).toBe(200);
  }, 60_000);
  afterAll(() => e2e?.close());

  it('shows the band, the forecast, the pace and the cohorts at 1080p and 4K', async () => {
    try {
      const errors: string[] = [];
      const page = await e2e.open('controller', { pageErrors: errors, viewport: { width: 1920, height: 1080 } });
      await page.waitForSelector('[data-testid="outlook-strip"]', { timeout: 20_000 });
      await expect.poll(async () => page.getByTestId('pace-gmv').count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(async () => (await page.getByTestId('forecast-gmv').textContent()) ?? '').toMatch(/¥/);
      await page.waitForTimeout(1000); // the charts draw
      await page.screenshot({ path: screenshotPath('outlook-1080p.png') });
      await page.getByTestId('outlook-strip').screenshot({ path: screenshotPath('outlook-strip-1080p.png') });
      // Aligned on the first 讲解 of the product explained now, in the past sessions and today.
      await page.getByTestId('align-explain').click();
      await page.waitForTimeout(500);
      await page.getByTestId('outlook-strip').screenshot({ path: screenshotPath('outlook-strip-explain-1080p.png') });
      await page.setViewportSize({ width: 3840, height: 2160 });
      await page.waitForTimeout(1000);
      await page.screenshot({ path: screenshotPath('outlook-4k.png') });
      const cells = await page.locator('[data-testid="cohort-heatmap"] .cell').count();
      expect(cells).toBeGreaterThanOrEqual(4 * 20);
      // The 复盘 of today's session so far: 环比 and same-weekday words, the full retention table.
      const sessions = await (await e2e.api(`/api/rooms/${e2e.room.id}/sessions`, ADMIN)).json();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${page.url()}&report=${encodeURIComponent(sessions.at(-1).id)}`);
      await page.waitForSelector('[data-testid="report-cohorts"]', { timeout: 20_000 });
      await page.getByTestId('report-history').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('outlook-report-1080p.png'), fullPage: true });
      expect(await page.getByTestId('report-history').locator('li').count()).toBeGreaterThan(3);
      expect(errors).toEqual([]);
    } finally {
      await e2e.closeBrowser();
    }
  });
});
