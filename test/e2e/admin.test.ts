// The admin path in Chromium against the real server and built client: sign in at / with the admin token,
// create a room, paste a catalogue with one bad line (named by line and column, nothing saved) and fix it,
// copy the 主播's seat link, open the prompter from it on a phone, revoke the link and see the prompter told.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, PHONE_PORTRAIT, startE2eRoom } from '../helpers/e2e-room.ts';
import { ADMIN } from '../helpers/server.ts';

const BAD_SHEET = '编号\t名称\t价格\t库存\np1\t保温杯\t59\t500\np2\t紫砂壶\tabc\t20';

describe.skipIf(!e2eReady && !process.env.CI)('admin in Chromium', () => {
  let e2e: E2eRoom;
  let browser: BrowserContext;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '已有的直播间' });
    browser = await launchBrowser();
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.url });
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  const products = async (roomId: string) =>
    ((await (await e2e.api(`/api/rooms/${roomId}`, ADMIN)).json()) as { products: unknown[] }).products;

  async function signIn(page: Page) {
    await page.goto(`${e2e.url}/`);
    await page.getByTestId('admin-sign-in').waitFor();
    await page.getByTestId('admin-token').fill('not-the-admin-token');
    await page.getByTestId('admin-sign-in-button').click();
    await expect.poll(() => page.getByTestId('admin-error').textContent()).toContain('ADMIN_TOKEN');
    await page.screenshot({ path: screenshotPath('admin-sign-in.png') });
    await page.getByTestId('admin-token').fill(ADMIN);
    await page.getByTestId('admin-sign-in-button').click();
    await page.getByTestId('admin-rooms').waitFor();
  }

  it('sets up a room, hands the host a link, and revokes it', { timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page);
    await page.getByTestId('new-room-name').fill('今晚专场');
    await page.getByTestId('create-room').click();
    await page.getByTestId('room-panel').getByText('今晚专场').first().waitFor();
    const roomId = (await page.locator('.admin-panel-head .room-id').textContent())!;

    // One bad cell: the line and column are named, and nothing reaches the server.
    await page.getByTestId('catalogue-sheet').fill(BAD_SHEET);
    await page.getByTestId('catalogue-save').click();
    const error = page.getByTestId('catalogue-error');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain('第 3 行 价格');
    expect(await products(roomId)).toEqual([]);
    await page.getByTestId('catalogue-editor').screenshot({ path: screenshotPath('admin-catalogue-error.png') });
    await page.getByTestId('catalogue-sheet').fill(BAD_SHEET.replace('abc', '1299'));
    await page.getByTestId('catalogue-save').click();
    await expect.poll(() => page.getByTestId('catalogue-status').textContent()).toContain('已保存 2 个商品');
    expect(await page.getByTestId('catalogue-errors').count()).toBe(0);
    expect(await products(roomId)).toEqual([
      { id: 'p1', name: '保温杯', price: 59, stock: 500 },
      { id: 'p2', name: '紫砂壶', price: 1299, stock: 20 },
    ]);

    // Rules and sources open in the 场控 screen's own editors, from the admin's links.
    for (const [link, panel] of [
      ['open-rules', 'rule-editor'],
      ['open-sources', 'source-setup'],
    ] as const) {
      const controller = await browser.newPage();
      await controller.goto((await page.getByTestId(link).getAttribute('href'))!);
      await controller.getByTestId(panel).waitFor({ timeout: 15_000 });
      await controller.close();
    }

    // Copy the host's link (what goes to the clipboard is the link shown, and its QR code is drawn).
    await page.getByTestId('copy-host').click();
    await expect.poll(() => page.getByTestId('copy-host').textContent()).toBe('已复制');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId('seat-url-host').inputValue());
    // A one-time join link (issue 16.8): the seat's token is not in it.
    expect(copied).toMatch(new RegExp(`^${e2e.url}/\\?room=${roomId}&join=`));
    const qr = await page.getByTestId('seat-host').locator('canvas').boundingBox();
    expect(qr?.width).toBeGreaterThan(100);
    await page.screenshot({ path: screenshotPath('admin-room.png'), fullPage: true });

    // The prompter opens from the copied link on a phone.
    const host = await browser.newPage();
    await host.setViewportSize(PHONE_PORTRAIT);
    await host.goto(copied);
    await host.waitForSelector('[data-testid="prompter"]');
    await host.waitForSelector('.prompter:not(.offline)');

    // Revoked: the prompter is told at once, in its language, and the old link opens nothing any more.
    page.once('dialog', (d) => void d.accept()); // revoking asks first
    await page.getByTestId('revoke-host').click();
    const notice = host.getByTestId('seat-closed');
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.getAttribute('data-code')).toBe('seat_revoked');
    expect(await notice.textContent()).toContain('已被管理员停用');
    await host.screenshot({ path: screenshotPath('prompter-revoked-phone.png') });
    await page.getByTestId('seat-host').getByText('无链接').waitFor();
    const reopened = await fetch(`${e2e.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId, join: new URL(copied).searchParams.get('join') }),
    });
    expect([401, 410]).toContain(reopened.status);
    expect(errors).toEqual([]);
  });

  it('names what deleting a room loses before it deletes it', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.getByTestId('lang-toggle').click(); // English
    await page.getByTestId(`room-${e2e.room.id}`).click();
    await page.getByTestId('delete-room').click();
    const loses = page.getByTestId('delete-loses');
    await loses.waitFor();
    expect(await loses.textContent()).toMatch(/0 sessions, 0 events/);
    await page.screenshot({ path: screenshotPath('admin-delete-ask-en.png') });
    await page.getByTestId('delete-confirm').click();
    await expect.poll(() => page.getByTestId(`room-${e2e.room.id}`).count()).toBe(0);
    expect((await e2e.api(`/api/rooms/${e2e.room.id}`, ADMIN)).status).toBe(404);
    await page.getByTestId('lang-toggle').click();
  });
});
