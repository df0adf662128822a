import type { BrowserContextOptions } from 'playwright-core';

/** A phone as the tests hold it: 390 x 844 CSS pixels, touch, twice the pixel density. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} as const satisfies BrowserContextOptions;

/** A laptop's browser window. */
export const DESKTOP = {
  viewport: { width: 1440, height: 900 },
} as const satisfies BrowserContextOptions;
