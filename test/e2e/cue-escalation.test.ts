// Chromium against the real server: an urgent cue the 助播 sends (no alert behind it) that the host sees but
// does not acknowledge escalates on the room clock; the 场控's big screen then shows it in 主播未确认 with its
// text and sender, and the 场控 cancels it from there, which clears the block and the prompter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, PHONE_PORTRAIT, startE2eRoom } from '../helpers/e2e-room.ts';

const CUE = '马上上3号链接，库存只剩最后50件！';

describe.skipIf(!e2eReady && !process.env.CI)('cue escalation in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '提词升级' });
  });
  afterAll(() => e2e?.close());

  it('shows an unacknowledged urgent cue from the 助播 on the 场控 screen, cancellable', {
    timeout: 90_000,
  }, async () => {
    // The room clock runs 10× (escalation is judged in room time: 20 s pass in about 2 s).
    const res = await e2e.setSource({
      kind: 'simulator',
      seed: 7,
      speed: 10,
      peakOnline: 800,
      warmupMs: 5 * 60_000,
    });
    expect(res.status).toBe(200);
    const controller = await e2e.open('controller');
    const assistant = await e2e.open('assistant');
    const host = await e2e.open('host', { viewport: PHONE_PORTRAIT });
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
