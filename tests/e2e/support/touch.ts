import type { Page } from 'playwright-core';

/**
 * A finger swipe from `(x, fromY)` to `(x, toY)`, sent as real touch input through the
 * DevTools protocol (the page sees touchstart/touchmove/touchend and the pointer events
 * Chromium makes from them). The page's context needs `hasTouch`.
 */
export async function swipe(page: Page, x: number, fromY: number, toY: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const steps = 6;
  await cdp.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: [{ x, y: fromY }],
  });
  for (let i = 1; i <= steps; i += 1) {
    await page.waitForTimeout(10);
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x, y: fromY + ((toY - fromY) * i) / steps }],
    });
  }
  // The finger comes to rest before it lifts. Lifted at speed, Chromium's emulated
  // touchscreen starts a fling and then swallows the page's next tap, wherever it lands
  // (that tap only "stops" the fling: no click), although nothing on the stage scrolls.
  await page.waitForTimeout(150);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}
