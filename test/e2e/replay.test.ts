// Replay and report in Chromium: a session with an alert and an acknowledged cue is opened afterwards; the
// replay jumps to the alert marker and shows the alert panel as it was; the report page renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';
import { connectLive, once, waitFor } from '../helpers/live-client.ts';
import { importAll } from '../helpers/server.ts';

describe.skipIf(!e2eReady && !process.env.CI)('replay and report in Chromium', () => {
  let e2e: E2eRoom;
  let sim: ReturnType<typeof createSimulator>;

  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '复盘演练' });
    const { room, url } = e2e;
    const controller = connectLive(url, room.id, room.tokens.controller!);
    const host = connectLive(url, room.id, room.tokens.host!);
    await Promise.all([once(controller, 'room:snapshot'), once(host, 'room:snapshot')]);
    const raised = waitFor(controller, 'alert:raised', (m) => m.alert.ruleId === 'online-drop', 20_000);
    // Twenty simulated minutes with a 60 % retention dip from minute 11, imported at once: event time, so a
    // loaded machine changes nothing (a wall-clock simulator at 30× once left the session short of the
    // playback this test scrubs through). The stream ends a second ago, the cue goes in at the room's now.
    const t0 = Date.now() - 20 * 60_000 - 1000;
    sim = createSimulator({
      seed: 21,
      startTs: t0,
      peakOnline: 500,
      dips: [{ kind: 'retention', atMs: 11 * 60_000, durationMs: 20 * 60_000, depth: 0.6 }],
    });
    const first = await importAll(e2e.server, room.id, sim.advance(t0 + 20 * 60_000));
    expect(first.statusCode).toBe(200);
    const { alert } = await raised;
    const pushed = await controller.emitWithAck('cue:push', {
      text: alert.action,
      priority: 'urgent',
      alertId: alert.id,
    });
    if (pushed.ok) await host.emitWithAck('cue:ack', { cueId: pushed.data.cue.id });
    // One more simulated minute after the cue (up to a minute ahead of server time, inside the 5-minute bound),
    // so the cue and its acknowledgement lie inside the session.
    const more = await importAll(e2e.server, room.id, sim.advance(Date.now() + 60_000));
    expect(more.statusCode).toBe(200);
    controller.disconnect();
    host.disconnect();
  }, 90_000);
  afterAll(() => e2e?.close());

  it('scrubs, jumps to the alert marker and shows the console as it was; the report renders', {
    timeout: 90_000,
  }, async () => {
    const errors: string[] = [];
    const page = await e2e.open('controller', { replay: true, pageErrors: errors });
    await page.getByTestId('replay-bar').waitFor({ timeout: 15_000 });
    await page.getByTestId('conn-badge').waitFor();
    expect(await page.getByTestId('conn-badge').getAttribute('data-status')).toBe('replay');
    const alertMarker = page.locator('[data-testid="marker-alert"][title*="在线人数骤降"]').first();
    await alertMarker.waitFor();
    const alertItem = page.locator('[data-testid="alert-item"][data-rule="online-drop"]');
    // The replay fetches the state at the marker; on a loaded machine the first click can race the report load.
    await expect
      .poll(
        async () => {
          // The scrubber's range input overlaps the marker row; dispatch the click on the marker itself.
          await alertMarker.dispatchEvent('click');
          await page.waitForTimeout(500);
          return alertItem.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    // Step back one marker with the keyboard: before the alert fired, the panel is calm.
    await page.getByTestId('marker-prev').click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-testid="alert-item"]').count()).toBeGreaterThan(0);
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('replay-at-alert.png') });
    await page.getByTestId('replay-speed').selectOption('60');
    await page.getByTestId('replay-play').click();
    const c0 = Number(await page.getByTestId('replay-clock').first().getAttribute('data-ts'));
    await expect
      .poll(async () => Number(await page.getByTestId('replay-clock').first().getAttribute('data-ts')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(c0 + 20_000);
    await page.getByTestId('replay-play').click();

    // The session is still running: its live alert stays in view above the replay, and new events move the
    // session's end (the report is fetched again) without reopening the replay.
    await page.getByTestId('live-alerts').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('live-alerts').textContent()).toContain('在线人数骤降');
    const end0 = Number(await page.getByTestId('replay-end').getAttribute('data-ts'));
    const later = await importAll(e2e.server, e2e.room.id, sim.advance(Date.now() + 3 * 60_000));
    expect(later.statusCode).toBe(200);
    await expect
      .poll(async () => Number(await page.getByTestId('replay-end').getAttribute('data-ts')), { timeout: 20_000 })
      .toBeGreaterThan(end0 + 60_000);
    await page.screenshot({ path: screenshotPath('replay-following.png') });

    await page.getByTestId('open-report').click();
    await page.getByTestId('report-view').waitFor({ timeout: 15_000 });
    await page.getByTestId('alert-audit').waitFor();
    expect(await page.getByTestId('alert-audit').textContent()).toContain('在线人数骤降');
    expect(await page.getByTestId('alert-audit').textContent()).toContain('主播已确认');
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('report.png'), fullPage: true });
    // The report speaks the screen's language: the big screen's words, not code names; English on the toggle.
    const compare = page.getByTestId('report-compare');
    expect(await compare.textContent()).toContain('累计观看');
    expect(await compare.textContent()).not.toMatch(/cumulativeViewers|followRate|interactionRate/);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => compare.textContent()).toContain('Key figures');
    expect(await page.getByTestId('report-title').textContent()).toMatch(/Review report · \d{1,2} \w+ \d{4}/);
    await page.screenshot({ path: screenshotPath('report-en.png'), fullPage: true });
    await page.getByTestId('lang-toggle').click();
    expect(errors).toEqual([]);
  });
});
