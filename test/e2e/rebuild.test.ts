// A room rebuilding after a restart says so on its screen (恢复数据中 with the progress), then shows its
// figures once rebuilt. Screenshots: rebuilding.png, rebuilt.png.
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/events.ts';
import { CLIENT_DIR, launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { e2eReady } from '../helpers/e2e-room.ts';
import { createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const EVENTS = 200_000;

function stream(t0: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const ts = t0 + Math.floor(i / 20) * 1000;
    const userId = `u${(i * 7919) % 30_000}`;
    out.push(
      i % 2
        ? { type: 'comment', ts, userId, text: i % 3 ? '多少钱 链接' : '主播好美' }
        : { type: 'like', ts, userId, count: 1 },
    );
  }
  return out;
}

describe.skipIf(!e2eReady && !process.env.CI)('a rebuilding room on screen', () => {
  let server: TestServer | null = null;
  let browser: BrowserContext | null = null;
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows 恢复数据中 with progress while the room rebuilds, then the room', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, autoTick: false, listen: false });
    const room = await createRoom(first, '重启测试');
    const events = stream(Date.now() - EVENTS * 50);
    for (let i = 0; i < events.length; i += 20_000)
      await first.services.writer.append(room.id, events.slice(i, i + 20_000));
    await first.close();

    server = await startServer({ dataDir, tickHz: 4, clientDir: CLIENT_DIR });
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${server.url}/?room=${room.id}&token=${room.tokens.controller}`);
    const badge = page.getByTestId('conn-badge');
    await badge.and(page.locator('[data-status="rebuilding"]')).waitFor({ timeout: 60_000 });
    expect(await badge.textContent()).toMatch(/恢复数据中 \d+%/);
    await page.screenshot({ path: screenshotPath('rebuilding.png') });
    await page.getByTestId('big-screen').waitFor({ timeout: 120_000 });
    await badge.and(page.locator('[data-status="live"]')).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('rebuilt.png') });
  }, 240_000);
});
