// The question queue and the action ledger in Chromium: viewers' questions reach the 助播 console's queue and
// the big screen's panel; one click sends one to the prompter (回答：…（N人问）); one tap marks a 限时秒杀; the
// 复盘 report shows the action in its ledger and the questions by topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

describe.skipIf(!e2eReady && !process.env.CI)('question queue and action ledger in Chromium', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ name: '提问与动作' });
  });
  afterAll(() => e2e?.close());

  it('queues questions, sends one to the host, marks an action in one tap, and the report shows it', {
    timeout: 120_000,
  }, async () => {
    const { api, room } = e2e;
    await api(`/api/rooms/${room.id}/products`, room.tokens.controller!, 'PUT', [
      { id: 'p1', name: '羽绒服', price: 299, stock: 50 },
      { id: 'p2', name: '保温杯', price: 59, stock: 80 },
    ]);
    const now = Date.now();
    const events: object[] = [];
    for (let m = 15; m >= 1; m--) {
      const t = now - m * 60_000;
      for (let u = 0; u < 20; u++) {
        const id = `m${m}u${u}`;
        events.push({ type: 'viewer_enter', ts: t + u * 100, userId: id });
        for (const p of ['p1', 'p2'])
          events.push({ type: 'product_exposure', ts: t + 3000 + u * 10, productId: p, userId: id });
        if (u < 5) events.push({ type: 'product_click', ts: t + 5000 + u * 10, productId: 'p1', userId: id });
        if (u >= 10 && u < 14)
          events.push({ type: 'product_click', ts: t + 5000 + u * 10, productId: 'p2', userId: id });
      }
    }
    const asks = ['羽绒服尺码偏大吗', '尺码偏大么', '码数偏大吗', '什么时候发货', '有运费险吗'];
    for (const [i, text] of asks.entries())
      events.push({ type: 'comment', ts: now - 30_000 + i * 1000, userId: `q${i}`, text });
    events.push({ type: 'comment', ts: now - 20_000, userId: 'q9', text: '尺码偏大吗' });
    events.sort((a, b) => (a as { ts: number }).ts - (b as { ts: number }).ts);
    expect((await api(`/api/rooms/${room.id}/events`, room.tokens.ingest!, 'POST', events)).status).toBe(200);

    const controller = await e2e.open('controller', { failOnDialog: true });
    const assistant = await e2e.open('assistant', { failOnDialog: true });
    const host = await e2e.open('host', { failOnDialog: true });
    const row = assistant.getByTestId('question-row').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('尺码偏大');
    await controller.getByTestId('question-compact').getByText('什么时候发货').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await host.getByTestId('next-question').textContent()) ?? '')
      .toContain('下一个问题');
    await controller.screenshot({ path: screenshotPath('questions-big-screen.png') });

    // The largest group first: 尺码偏大么 / 码数偏大吗 / 尺码偏大吗 (the one naming 羽绒服 is that product's entry).
    const top = assistant.locator('[data-testid="question-row"]', { hasText: '3人问' }).first();
    await top.getByTestId('question-cue').click();
    await expect
      .poll(async () => (await host.getByTestId('cue-card').textContent()) ?? '')
      .toMatch(/回答：.+（\d人问）/);
    await host.screenshot({ path: screenshotPath('questions-prompter.png') });
    await host.getByTestId('cue-card').click(); // the host's acknowledgement answers the question
    await expect.poll(() => top.count(), { timeout: 10_000 }).toBe(0);

    await assistant.getByTestId('action-product').selectOption('p1');
    await assistant.getByTestId('mark-flash_sale').click();
    await expect
      .poll(async () => (await assistant.getByTestId('mark-status').textContent()) ?? '')
      .toContain('限时秒杀');
    await expect
      .poll(async () => (await assistant.getByTestId('last-action').textContent()) ?? '')
      .toContain('限时秒杀');
    await assistant.screenshot({ path: screenshotPath('questions-assistant.png') });

    await e2e.server.services.writer.flush();
    const sessions = (await (await api(`/api/rooms/${room.id}/sessions`, room.tokens.assistant!)).json()) as {
      id: string;
    }[];
    await assistant.goto(
      `${e2e.url}/?room=${room.id}&seat=assistant&report=${encodeURIComponent(sessions.at(-1)!.id)}`,
    );
    const ledger = assistant.getByTestId('report-ledger');
    await ledger.waitFor({ timeout: 15_000 });
    await expect.poll(() => ledger.locator('[data-testid="ledger-row"][data-kind="flash_sale"]').count()).toBe(1);
    expect(await ledger.textContent()).toContain('限时秒杀');
    expect(await assistant.getByTestId('report-questions').textContent()).toContain('尺码/规格');
    await assistant.getByTestId('report-ledger').scrollIntoViewIfNeeded();
    await assistant.screenshot({ path: screenshotPath('questions-report.png'), fullPage: true });
  });
});
