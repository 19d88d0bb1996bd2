// Live stock and the online chart in Chromium: the demo room with a few products restocked to small figures
// (one sold out, one low) shows its stock counting down in the product table; an empty room's online chart
// shows a plain half hour. Screenshots go to artifacts/screenshots.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { startDemoRoom } from '../../server/demo.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import type { Product } from '../../shared/events.ts';
import type { RoomState } from '../../shared/state.ts';
import { CHROMIUM, CLIENT_DIR, clientBuilt, launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { tempDir } from '../helpers/server.ts';

const ready = fs.existsSync(CHROMIUM) && clientBuilt();
const ADMIN = 'e2e-admin-token-0123456789';

describe.skipIf(!ready && !process.env.CI)('live stock in Chromium', () => {
  let built: App;
  let url = '';
  const api = (path: string, token: string, method = 'GET', body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    const config = loadConfig({}, { DATA_DIR: tempDir(), ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent', TICK_HZ: 4 });
    built = await buildApp({ config, createTokenizer: () => createTokenizer(), clientDir: CLIENT_DIR });
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`;
  });
  afterAll(() => built?.app.close());

  it('counts the explained product down and marks low and sold-out stock', { timeout: 90_000 }, async () => {
    const { roomId, tokens } = await startDemoRoom(built, 3000);
    const liveState = async () =>
      (await (await api(`/api/rooms/${roomId}/state`, tokens.controller!)).json()) as RoomState;
    // The 20-minute warm-up is played in quickly after the start: wait until the room has caught up with now.
    const caughtUp = async () => {
      const st = await liveState();
      return st.explaining !== null && Date.now() - st.ts < 3000;
    };
    await expect.poll(caughtUp, { timeout: 20_000 }).toBe(true);
    const explained = (await liveState()).explaining!;
    // Restock (the 场控's PUT): the explained product to 500, one sold out, one low; the rest as they are.
    const catalogue = (
      (await (await api(`/api/rooms/${roomId}`, tokens.controller!)).json()) as { products: Product[] }
    ).products;
    const others = catalogue.filter((p) => p.id !== explained);
    const small: Record<string, number> = { [explained]: 500, [others[0]!.id]: 0, [others[1]!.id]: 12 };
    const put = await api(
      `/api/rooms/${roomId}/products`,
      tokens.controller!,
      'PUT',
      catalogue.map((p) => ({ ...p, stock: small[p.id] ?? p.stock })),
    );
    expect(put.status).toBe(200);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/?room=${roomId}&token=${tokens.controller}`);
      await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 15_000 });
      const table = page.getByTestId('product-table');
      await expect.poll(() => table.locator('[data-level="out"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await table.locator('[data-level="low"]').count()).toBeGreaterThan(0);
      const explainedStock = async () => (await liveState()).products.find((p) => p.id === explained)?.stock;
      await expect.poll(explainedStock, { timeout: 45_000, interval: 500 }).toBeLessThan(490);
      const row = table.locator('tr', { hasText: catalogue.find((p) => p.id === explained)!.name });
      const shown = async () =>
        Number((await row.first().getByTestId('product-stock').textContent())?.replace(/\D/g, ''));
      await expect.poll(shown, { timeout: 5_000 }).toBeLessThan(490);
      await page.locator('section.products').screenshot({ path: screenshotPath('stock-product-table.png') });
      await page.screenshot({ path: screenshotPath('stock-big-screen.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('shows an empty room’s online chart as the last 30 minutes, not a day', { timeout: 60_000 }, async () => {
    const room = (await (await api('/api/rooms', ADMIN, 'POST', { name: '空直播间' })).json()) as {
      id: string;
      tokens: Record<string, string>;
    };
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${url}/?room=${room.id}&token=${room.tokens.controller}`);
      await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="online-chart"] canvas') !== null);
      await page.locator('section.online-panel').screenshot({ path: screenshotPath('online-chart-empty.png') });
    } finally {
      await browser.close();
    }
  });
});
