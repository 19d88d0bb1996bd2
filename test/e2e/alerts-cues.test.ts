// Three real pages in Chromium — 场控 big screen, 助播 console, 主播 prompter — against the real server: an
// injected dip raises an alert on the big screen, the controller forwards it, the host sees and acknowledges
// it with Space, and the controller sees the acknowledgement. Hostile text never runs anywhere.
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import { CHROMIUM, CLIENT_DIR, clientBuilt, launchBrowser, screenshotPath } from '../helpers/browser.ts';
import { tempDir } from '../helpers/server.ts';

const ready = fs.existsSync(CHROMIUM) && clientBuilt();
const ADMIN = 'e2e-admin-token-0123456789';
const XSS_NAME = '<img src=x onerror="window.__xss=1">';
const XSS_TEXT = '<script>window.__xss=2</script>';

describe.skipIf(!ready && !process.env.CI)('alerts and cues in Chromium', () => {
  let built: App;
  let url = '';
  let room: { id: string; tokens: Record<string, string> };
  let browser: BrowserContext;
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
    room = (await (await api('/api/rooms', ADMIN, 'POST', { name: '告警演练' })).json()) as typeof room;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await built?.app.close();
  });

  const open = async (seat: string): Promise<Page> => {
    const page = await browser.newPage();
    page.on('dialog', () => {
      throw new Error('a dialog opened: injected script ran');
    });
    await page.goto(`${url}/?room=${room.id}&token=${room.tokens[seat]}`);
    return page;
  };

  it('raises, forwards, shows and acknowledges a cue across three pages', { timeout: 120_000 }, async () => {
    const controller = await open('controller');
    const assistant = await open('assistant');
    const host = await open('host');
    await host.setViewportSize({ width: 430, height: 860 }); // a phone in portrait
    await host.waitForSelector('[data-testid="prompter"]');
    await assistant.waitForSelector('[data-testid="assistant-console"]');
    // 30× speed with a 10-minute warm-up; online falls by 60 % from 11 simulated minutes.
    const res = await api(`/api/rooms/${room.id}/source`, room.tokens.controller!, 'PUT', {
      kind: 'simulator',
      seed: 11,
      speed: 30,
      peakOnline: 500,
      warmupMs: 10 * 60_000,
      dips: [{ kind: 'retention', atMs: 11 * 60_000, durationMs: 30 * 60_000, depth: 0.6 }],
    });
    expect(res.status).toBe(200);
    await api(`/api/rooms/${room.id}/products`, room.tokens.controller!, 'PUT', [
      { id: 'p1', name: XSS_NAME, price: 59, stock: 9 },
    ]);
    await api(`/api/rooms/${room.id}/events`, room.tokens.ingest!, 'POST', [
      { type: 'comment', ts: Date.now(), userId: 'evil', text: XSS_TEXT },
    ]);

    const alert = controller.locator('[data-testid="alert-item"][data-rule="online-drop"]');
    await alert.waitFor({ timeout: 30_000 });
    await expect.poll(() => controller.locator('.kpi-online.flash').count()).toBe(1);
    await controller.screenshot({ path: screenshotPath('alert-big-screen.png') });
    await alert.getByTestId('alert-forward').click();

    const card = host.getByTestId('cue-card');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('福袋');
    await expect.poll(() => controller.locator('[data-testid="cue-status"]').getAttribute('data-status')).toBe('shown');
    await host.screenshot({ path: screenshotPath('prompter-phone.png') });

    // The assistant sends a hostile cue: it must show as text on the prompter, never run.
    await assistant.getByTestId('cue-input').fill(XSS_TEXT);
    await assistant.getByTestId('cue-send').click();
    await expect.poll(() => assistant.locator('[data-testid="sent-cues"] li').count()).toBeGreaterThanOrEqual(2);
    await assistant.screenshot({ path: screenshotPath('assistant-console.png') });

    await host.keyboard.press('Space');
    await expect
      .poll(() => controller.locator('[data-testid="cue-status"]').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('acked');
    await expect.poll(async () => (await host.getByTestId('cue-card').textContent()) ?? '').toContain('<script>');
    await host.screenshot({ path: screenshotPath('prompter-next-cue.png') });
    await controller.screenshot({ path: screenshotPath('alert-acked.png') });

    for (const page of [controller, assistant, host]) {
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('body script').count()).toBe(0);
    }
    expect(await controller.getByTestId('product-table').textContent()).toContain(XSS_NAME);
  });
});
