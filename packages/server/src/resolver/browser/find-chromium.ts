import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser for the fallback: `explicit` if it is executable, else the first of
 * chromium, chromium-browser, google-chrome on PATH. Never downloads one.
 */
export function findChromium(
  explicit: string | undefined,
  path: string = process.env.PATH ?? '',
): string | undefined {
  if (explicit !== undefined) return isExecutable(explicit) ? explicit : undefined;
  for (const name of CANDIDATES) {
    for (const dir of path.split(delimiter)) {
      if (dir === '') continue;
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}
