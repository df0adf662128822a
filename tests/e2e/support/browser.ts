import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../../packages/server/src/resolver/browser/pool.js';

/** Debian's Chromium, with the flags it needs on a closed network. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** playwright-core gives every launch a fresh, empty profile directory of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The server's own flags (quiet on a closed network), plus autoplay for the tests.
    args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
  });
}

export const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/e2e');
mkdirSync(screenshotDir, { recursive: true });
export const shot = (name: string): string => path.join(screenshotDir, `${name}.png`);
