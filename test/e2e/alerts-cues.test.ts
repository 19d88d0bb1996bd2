// Three real pages in Chromium — 场控 big screen, 助播 console, 主播 prompter — against the real server: an
// injected dip raises an alert on the big screen, the controller forwards it, the host sees and acknowledges
// it with Space, and the controller sees the acknowledgement. Hostile text never runs anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, PHONE_PORTRAIT, startE2eRoom } from '../helpers/e2e-room.ts';

const XSS_NAME = '<img src=x onerror="window.__xss=1">';
const XSS_TEXT = '<script>window.__xss=2</script>';

describe.skipIf(!e2eReady && !process.env.CI)('alerts and cues in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '告警演练' });
  });
  afterAll(() => e2e?.close());

  it('raises, forwards, shows and acknowledges a cue across three pages', { timeout: 120_000 }, async () => {
    const { api, room } = e2e;
    const controller = await e2e.open('controller', { failOnDialog: true });
    const assistant = await e2e.open('assistant', { failOnDialog: true });
    const host = await e2e.open('host', { failOnDialog: true, viewport: PHONE_PORTRAIT });
    await host.waitForSelector('[data-testid="prompter"]');
    await assistant.waitForSelector('[data-testid="assistant-console"]');
    // 30× speed with a 10-minute warm-up; online falls by 60 % from 11 simulated minutes.
    const res = await e2e.setSource({
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
