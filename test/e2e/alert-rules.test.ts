// The rule editor in Chromium against the real server: the 场控 changes the online-drop threshold and turns a
// rule off, the 助播's open drawer follows without a reload; an invalid value and a server refusal both say
// why and save nothing; a hostile rule name stays text.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import type { Role } from '../../server/storage/ports.ts';
import type { AlertRule } from '../../shared/alerts.ts';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

const XSS_NAME = '<img src=x onerror=window.__xss=1>';
const XSS_RULE: AlertRule = { ...DEFAULT_RULES[1]!, id: 'hostile', name: XSS_NAME, action: '<b>加粗</b>{商品名}' };

describe.skipIf(!e2eReady && !process.env.CI)('alert rules in Chromium', () => {
  let e2e: E2eRoom;
  const storedRules = async () =>
    (await (await e2e.api(`/api/rooms/${e2e.room.id}/alert-rules`, e2e.room.tokens.viewer)).json()) as AlertRule[];

  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '规则演练' });
    const res = await e2e.api(`/api/rooms/${e2e.room.id}/alert-rules`, e2e.room.tokens.controller, 'PUT', [
      ...DEFAULT_RULES,
      XSS_RULE,
    ]);
    expect(res.status).toBe(200);
  });
  afterAll(() => e2e?.close());

  /** The seat's screen with the rule drawer open. */
  const open = async (seat: Role): Promise<Page> => {
    const page = await e2e.open(seat, { failOnDialog: true });
    await page.getByTestId('rules-button').click();
    await page.getByTestId('rule-editor').waitFor();
    return page;
  };
  const rule = (page: Page, id: string) => page.locator(`[data-testid="rule-item"][data-rule="${id}"]`);

  it('edits on one screen and the other follows; bad values and refusals save nothing', {
    timeout: 90_000,
  }, async () => {
    const controller = await open('controller');
    const assistant = await open('assistant');
    // The page opened last is in front; a background tab's frames are throttled and every click waits ~2 s.
    await controller.bringToFront();
    expect(await rule(controller, 'online-drop').getByTestId('rule-condition').textContent()).toBe(
      '在线人数 较前5分钟下降 ≥30%',
    );
    await controller.screenshot({ path: screenshotPath('rules-editor-big-screen.png') });

    await rule(controller, 'online-drop').getByTestId('rule-pct').fill('40');
    await rule(controller, 'negative-surge').getByTestId('rule-enabled').uncheck();
    await controller.getByTestId('rules-save').click();
    // The assistant's drawer was open before the change: it follows through the broadcast, no reload.
    await expect
      .poll(() => rule(assistant, 'online-drop').getByTestId('rule-condition').textContent(), { timeout: 10_000 })
      .toContain('≥40%');
    expect(await rule(assistant, 'negative-surge').getAttribute('data-enabled')).toBe('false');
    expect(await assistant.getByTestId('rules-changed-by').textContent()).toContain('场控');
    const saved = await storedRules();
    expect(saved.find((r) => r.id === 'online-drop')!.condition).toEqual({
      kind: 'drop',
      pct: 0.4,
      baselineMinutes: 5,
    });
    expect(saved.find((r) => r.id === 'negative-surge')!.enabled).toBe(false);
    await expect.poll(() => controller.getByTestId('rules-save').isDisabled()).toBe(true);
    await assistant.screenshot({ path: screenshotPath('rules-editor-assistant.png') });

    // An invalid value: the field is marked, the reason is shown, nothing is sent.
    await rule(controller, 'online-drop').getByTestId('rule-for').fill('-1');
    await controller.getByTestId('rules-save').click();
    const error = controller.getByTestId('rules-error');
    expect(await error.getAttribute('data-code')).toBe('invalid_draft');
    expect(await error.textContent()).toContain('持续须为 0–3600 的整数');
    await controller.screenshot({ path: screenshotPath('rules-editor-invalid.png') });
    expect(await storedRules()).toEqual(saved);

    // A refusal from the real server (the body is rewritten in flight to repeat an id): code and message shown.
    await rule(controller, 'online-drop').getByTestId('rule-for').fill('25');
    await controller.route('**/alert-rules', (route) =>
      route.continue({ postData: JSON.stringify([DEFAULT_RULES[0], DEFAULT_RULES[0]]) }),
    );
    await controller.getByTestId('rules-save').click();
    await expect.poll(() => error.getAttribute('data-code')).toBe('duplicate_rule_id');
    expect(await error.textContent()).toContain('服务器拒绝保存');
    await controller.unroute('**/alert-rules');
    expect(await storedRules()).toEqual(saved);
    expect(await rule(assistant, 'online-drop').getByTestId('rule-for').inputValue()).toBe('20');

    for (const page of [controller, assistant]) {
      expect(await rule(page, 'hostile').getByTestId('rule-name').inputValue()).toBe(XSS_NAME);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('.rules-drawer b').count()).toBe(0);
    }
  });

  it('the viewer sees the same rules read-only', { timeout: 30_000 }, async () => {
    const viewer = await open('viewer');
    expect(await rule(viewer, 'hostile').getByTestId('rule-name').textContent()).toBe(XSS_NAME);
    expect(await viewer.locator('.rules-drawer input:not([type="checkbox"])').count()).toBe(0);
    expect(await viewer.getByTestId('rules-save').count()).toBe(0);
    expect(await viewer.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await viewer.screenshot({ path: screenshotPath('rules-viewer.png') });
  });
});
