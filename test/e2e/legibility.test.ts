// The big screen at reading distance: at 1920×1080 no text on it is below 16 px; a 3840×2160 TV shows the same
// layout at 2× (every size doubled, the screen filled), not the 1080p layout in its top-left quarter.
// The size rule is in docs/DESIGN.md ("Reading distance"). Screenshots: legibility-1080.png, legibility-4k.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from '../helpers/browser.ts';
import { type E2eRoom, e2eReady, startE2eRoom } from '../helpers/e2e-room.ts';

const MIN_PX_1080 = 16;

/** The effective size (zoom included) of the smallest text on the big screen, with a sample of where. */
function smallestText(page: Page) {
  return page.evaluate(() => {
    const screen = document.querySelector<HTMLElement>('[data-testid="big-screen"]')!;
    const zoom = Number.parseFloat(screen.style.zoom || '1');
    let min = Number.POSITIVE_INFINITY;
    let where = '';
    const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getBoundingClientRect().width === 0) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize) * zoom;
      if (px < min) {
        min = px;
        where = `${el.tagName}.${el.className} "${n.textContent.trim().slice(0, 20)}"`;
      }
    }
    const kpi = document.querySelector<HTMLElement>('[data-testid="kpi-online"]')!;
    const box = screen.getBoundingClientRect();
    return {
      min,
      where,
      kpiPx: Number.parseFloat(getComputedStyle(kpi).fontSize) * zoom,
      // Zoomed boxes report unzoomed sizes: the screen's share of the viewport is its size × zoom.
      filled: (box.width * zoom) / window.innerWidth,
    };
  });
}

describe.skipIf(!e2eReady && !process.env.CI)('big screen legibility', () => {
  let e2e: E2eRoom;
  beforeAll(async () => {
    e2e = await startE2eRoom({ demoPeakOnline: 300 });
  });
  afterAll(() => e2e?.close());

  it('no text below 16 px at 1080p, and 2× type filling a 4K screen', { timeout: 90_000 }, async () => {
    const hd = await e2e.open('controller');
    await hd.getByTestId('big-screen').waitFor();
    await hd.locator('[data-testid="conn-badge"][data-status="live"]').waitFor();
    const at1080 = await smallestText(hd);
    await hd.screenshot({ path: screenshotPath('legibility-1080.png') });
    expect(at1080.min, at1080.where).toBeGreaterThanOrEqual(MIN_PX_1080);

    const tv = await e2e.open('viewer', { viewport: { width: 3840, height: 2160 } });
    await tv.locator('[data-testid="big-screen"][data-scale="2"]').waitFor();
    const at4k = await smallestText(tv);
    await tv.screenshot({ path: screenshotPath('legibility-4k.png') });
    expect(at4k.min).toBeGreaterThanOrEqual(2 * MIN_PX_1080);
    // About twice (type set in vw is capped at its 1080p-ish size, then zoomed): within a tenth of 2×.
    expect(at4k.kpiPx / at1080.kpiPx).toBeGreaterThan(1.9);
    expect(at4k.kpiPx / at1080.kpiPx).toBeLessThan(2.2);
    expect(at4k.filled).toBeGreaterThan(0.98);
  });
});
