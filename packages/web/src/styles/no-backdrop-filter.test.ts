import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * `backdrop-filter` over a playing clip re-blurs what is under it on every video frame.
 * Measured (four app pages in one Chromium on two cores, 20 s of a playing clip): the six
 * blurred reaction buttons over the clip made each page drop 16-23 frames where the same
 * pages without the blur dropped 0-9 and a bare `<video>` 0-2. On a phone the cost is the
 * same, paid in battery and stutter. Our overlays use a plain translucent background.
 */
describe('styles', () => {
  it('use no backdrop-filter (it re-blurs on every frame of the clip under it)', () => {
    const files = cssFiles(src);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((file) =>
      /backdrop-filter\s*:/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
