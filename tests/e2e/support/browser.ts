import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, with the flags it needs on a closed network. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'wt-e2e-chromium-'));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${userDataDir}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export const screenshotDir = path.resolve(import.meta.dirname, '../../../test-results/e2e');
mkdirSync(screenshotDir, { recursive: true });
export const shot = (name: string): string => path.join(screenshotDir, `${name}.png`);
