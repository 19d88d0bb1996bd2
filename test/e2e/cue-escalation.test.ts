// Chromium against the real server: an urgent cue the 助播 sends (no alert behind it) that the host sees but
// does not acknowledge escalates on the room clock; the 场控's big screen then shows it in 主播未确认 with its
// text and sender, and the 场控 cancels it from there, which clears the block and the prompter.
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
const CUE = '马上上3号链接，库存只剩最后50件！';

describe.skipIf(!ready && !process.env.CI)('cue escalation in Chromium', () => {
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
    room = (await (await api('/api/rooms', ADMIN, 'POST', { name: '提词升级' })).json()) as typeof room;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await built?.app.close();
  });

  const open = async (seat: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${url}/?room=${room.id}&token=${room.tokens[seat]}`);
    return page;
  };

  it('shows an unacknowledged urgent cue from the 助播 on the 场控 screen, cancellable', {
    timeout: 90_000,
  }, async () => {
    // The room clock runs 10× (escalation is judged in room time: 20 s pass in about 2 s).
    const res = await api(`/api/rooms/${room.id}/source`, room.tokens.controller!, 'PUT', {
      kind: 'simulator',
      seed: 7,
      speed: 10,
      peakOnline: 800,
      warmupMs: 5 * 60_000,
    });
    expect(res.status).toBe(200);
    const controller = await open('controller');
    const assistant = await open('assistant');
    const host = await open('host');
    await host.setViewportSize({ width: 430, height: 860 });
    await host.waitForSelector('[data-testid="prompter"]');
    await controller.waitForSelector('[data-testid="alert-panel"]');

    await assistant.getByTestId('cue-input').fill(CUE);
    await assistant.getByTestId('cue-urgent').check();
    await assistant.getByTestId('cue-send').click();
    await expect.poll(async () => (await host.getByTestId('cue-card').textContent()) ?? '').toContain(CUE);
    expect(await controller.getByTestId('escalated-cues').count()).toBe(0);

    const row = controller.getByTestId('escalated-cue');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(CUE);
    expect(await row.locator('.from').textContent()).toBe('助播');
    await expect.poll(() => row.getByTestId('cue-status').getAttribute('data-status')).toBe('shown');
    await expect.poll(() => host.locator('.cue-card.escalated').count()).toBe(1);
    await controller.screenshot({ path: screenshotPath('cue-escalated-big-screen.png') });
    await assistant.getByTestId('escalated-cue').waitFor();

    await row.getByTestId('escalated-cancel').click();
    await controller.getByTestId('escalated-cues').waitFor({ state: 'detached', timeout: 10_000 });
    await assistant.getByTestId('escalated-cues').waitFor({ state: 'detached', timeout: 10_000 });
    await host.getByTestId('cue-card').waitFor({ state: 'detached', timeout: 10_000 });
  });
});
