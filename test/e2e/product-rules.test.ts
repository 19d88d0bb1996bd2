// A per-product rule in Chromium against the real server, on a simulated room like the demo: the 场控 adds a
// stock rule for one product that is NOT the one being explained, with a threshold above any stock so it fires
// at once; the big screen's alert names that product and previews its 话术 with it; forwarded, the host's
// prompter reads the 话术 filled with that product, not the explained one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../shared/alerts.ts';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, PHONE_PORTRAIT, startE2eRoom } from '../helpers/e2e-room.ts';

const ACTION = '{商品名}仅剩{库存}件，{价格}元马上下单！';

describe.skipIf(!e2eReady && !process.env.CI)('per-product alert rules in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({
      name: '单品规则演练',
      // Like the demo room: the simulator with its own catalogue, already live for a while.
      source: { kind: 'simulator', seed: 7, speed: 5, peakOnline: 800, warmupMs: 10 * 60_000 },
    });
  });
  afterAll(() => e2e?.close());

  it('adds a stock rule for one product; the alert names it and the forwarded cue speaks of it', {
    timeout: 120_000,
  }, async () => {
    const { api, room, state } = e2e;
    const host = await e2e.open('host', { viewport: PHONE_PORTRAIT });
    await host.waitForSelector('[data-testid="prompter"]');
    const controller = await e2e.open('controller');
    await controller.bringToFront(); // a background tab's frames are throttled
    await expect.poll(async () => (await state()).explaining, { timeout: 20_000 }).not.toBeNull();
    const now = await state();
    const target = now.products.find((p) => p.id !== now.explaining && p.stock !== null)!;
    const explained = now.products.find((p) => p.id === now.explaining)!;

    await controller.getByTestId('rules-button').click();
    await controller.getByTestId('rule-editor').waitFor();
    await controller.getByTestId('rule-add-metric').selectOption('stock');
    await controller.getByTestId('rule-add').click();
    const card = controller.locator('[data-testid="rule-item"][data-rule="stock-1"]');
    expect(await card.getByTestId('rule-condition').textContent()).toBe('剩余库存 低于 20');
    // The picker lists the catalogue by name; the product is chosen by its label as a person would.
    await card.getByTestId('rule-product').selectOption({ label: target.name });
    await card.getByTestId('rule-threshold').fill('100000');
    await card.getByTestId('rule-for').fill('0');
    await card.getByTestId('rule-action').fill(ACTION);
    expect(await card.getByTestId('rule-condition').textContent()).toBe(`剩余库存（${target.name}） 低于 100000`);
    await card.scrollIntoViewIfNeeded();
    await controller.screenshot({ path: screenshotPath('product-rule-editor.png') });
    await controller.getByTestId('rules-save').click();
    await expect.poll(() => controller.getByTestId('rules-save').isDisabled(), { timeout: 10_000 }).toBe(true);
    const saved = (await (await api(`/api/rooms/${room.id}/alert-rules`, room.tokens.viewer!)).json()) as AlertRule[];
    expect(saved.find((r) => r.id === 'stock-1')).toMatchObject({
      metric: 'stock',
      productId: target.id,
      condition: { kind: 'below', value: 100000 },
      forSeconds: 0,
    });
    await controller.getByTestId('rules-close').click();

    const alert = controller.locator('[data-testid="alert-item"][data-rule="stock-1"]');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.getByTestId('alert-product').textContent()).toBe(target.name);
    const preview = (await alert.getByTestId('alert-action').textContent()) ?? '';
    expect(preview).toContain(`${target.name}仅剩`);
    expect(preview).not.toContain('{库存}');
    await controller.screenshot({ path: screenshotPath('product-alert-big-screen.png') });

    await alert.getByTestId('alert-forward').click();
    const cue = host.getByTestId('cue-card');
    await cue.waitFor({ timeout: 10_000 });
    const text = (await cue.textContent()) ?? '';
    expect(text).toContain(`${target.name}仅剩`);
    expect(text).toContain(`${target.price}元`);
    if (explained.name !== target.name) expect(text).not.toContain(explained.name);
    await expect.poll(() => alert.getByTestId('cue-status').getAttribute('data-status')).toBe('shown');
    await host.screenshot({ path: screenshotPath('product-alert-prompter.png') });
  });
});
