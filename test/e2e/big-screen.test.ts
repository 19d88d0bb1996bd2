// The built client in Debian's Chromium against the real server: the demo room's numbers change on the big
// screen; screenshots are saved under artifacts/screenshots.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { startDemoRoom } from '../../server/demo.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import { CHROMIUM, CLIENT_DIR, clientBuilt, launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { tempDir } from '../helpers/server.ts';

const ready = fs.existsSync(CHROMIUM) && clientBuilt();

describe.skipIf(!ready && !process.env.CI)('big screen in Chromium', () => {
  let built: App;
  let url = '';
  let roomId = '';
  let tokens: Record<string, string> = {};

  beforeAll(async () => {
    const config = loadConfig(
      {},
      { DATA_DIR: tempDir(), ADMIN_TOKEN: 'e2e-admin-token-0123456789', LOG_LEVEL: 'silent', TICK_HZ: 4 },
    );
    built = await buildApp({ config, createTokenizer: () => createTokenizer(), clientDir: CLIENT_DIR });
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`;
    ({ roomId, tokens } = await startDemoRoom(built, 300));
  });
  afterAll(() => built?.app.close());

  it('shows the demo room live, numbers changing, in Chinese and English', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/?room=${roomId}&token=${tokens.controller}`);
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
      await browser.close();
    }
  });

  it('shows a clear error for a wrong token', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/?room=${roomId}&token=wrong-token`);
      await page.waitForSelector('[data-testid="conn-badge"][data-status="error"]', { timeout: 15_000 });
      expect(await page.getByTestId('conn-badge').textContent()).toBeTruthy();
    } finally {
      await browser.close();
    }
  });
});
