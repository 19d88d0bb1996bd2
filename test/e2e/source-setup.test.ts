// The 场控 connects a Bilibili room (a local server speaking the platform's protocol) and the shop webhook
// from the big screen, sees each source's state and the first messages arrive; the cards mark sampled
// figures. Screenshots under artifacts/screenshots.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianSign } from '../../server/sources/connectors/shop/douyin-shop.ts';
import { type BilibiliServer, startBilibiliServer } from '../helpers/bilibili-server.ts';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

const fixtures = JSON.parse(
  fs.readFileSync(new URL('../fixtures/connectors/bilibili-messages.json', import.meta.url), 'utf8'),
) as { cmd: string }[];
const shop = JSON.parse(
  fs.readFileSync(new URL('../fixtures/connectors/doudian-push.json', import.meta.url), 'utf8'),
) as {
  appKey: string;
  created: unknown[];
};

describe.skipIf(!e2eReady && !process.env.CI)('source setup in Chromium', () => {
  let e2e: E2eRoom;
  let bili: BilibiliServer;
  beforeAll(async () => {
    bili = await startBilibiliServer();
    e2e = await startE2eRoom({ name: '接入测试', tickHz: 4 });
  });
  afterAll(async () => {
    await e2e?.close();
    await bili?.close();
  });

  it('connects Bilibili and the shop webhook from the 场控 screen and shows their states', async () => {
    const errors: string[] = [];
    const page = await e2e.open('controller', { pageErrors: errors });
    await page.waitForSelector('[data-testid="conn-badge"][data-status="live"]', { timeout: 15_000 });
    await page.getByTestId('sources-button').click();
    await page.getByTestId('source-room').fill('https://live.bilibili.com/1175880');
    await page.getByTestId('source-address').fill(bili.url);
    await page.getByTestId('source-connect').click();
    await page.waitForSelector('[data-testid="source-card-bilibili"][data-phase="live"]', { timeout: 15_000 });
    expect(bili.auths[0]).toMatchObject({ roomid: 1175880 });

    bili.send(
      fixtures.filter((m) => m.cmd !== 'PREPARING' && m.cmd !== 'LIVE'),
      3,
    );
    await page.waitForSelector('[data-testid="source-lines-bilibili"]', { timeout: 15_000 });
    expect(await page.getByTestId('source-lines-bilibili').textContent()).toContain('小橘子酱');

    await page.getByTestId('source-platform').selectOption('shop-webhook');
    await page.getByTestId('source-appkey').fill(shop.appKey);
    await page.getByTestId('source-secret').fill('e2e-shop-secret-01');
    await page.getByTestId('source-product-map').fill('3581234567890 = p-jacket');
    const url = await page.getByTestId('webhook-url').textContent();
    expect(url).toBe(`${e2e.url}/api/rooms/${e2e.room.id}/webhooks/douyin-shop`);
    await page.getByTestId('source-connect').click();
    await page.waitForSelector('[data-testid="source-card-shop"][data-phase="waiting"]', { timeout: 15_000 });
    const body = JSON.stringify(shop.created);
    const pushed = await fetch(url!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'app-id': shop.appKey,
        'event-sign': doudianSign(shop.appKey, body, 'e2e-shop-secret-01'),
      },
      body,
    });
    expect(pushed.status).toBe(200);
    await page.waitForSelector('[data-testid="source-card-shop"][data-phase="live"]', { timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('source-setup-zh.png') });
    expect((await e2e.state()).products.map((p) => p.id)).toContain('p-jacket'); // the shop's id mapped
    // The drawer covers the header's language toggle: close it, switch, reopen.
    await page.getByTestId('sources-close').click();
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('sources-button').click();
    await page.waitForSelector('text=Connect a live room');
    await page.screenshot({ path: screenshotPath('source-setup-en.png') });
    await page.getByTestId('sources-close').click();
    await page.getByTestId('lang-toggle').click();

    await page.waitForSelector('[data-testid="source-bilibili"]');
    await page.waitForSelector('[data-testid="stat-interaction-sampled"]');
    expect(await page.getByTestId('stat-interaction-sampled').textContent()).toContain('采样');
    await page.screenshot({ path: screenshotPath('source-big-screen-zh.png') });

    bili.drop();
    await page.waitForSelector('[data-testid="source-bilibili"][data-phase="reconnecting"]', { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 90_000); // a loaded CI machine: the browser, two local servers and a build of the page
});
