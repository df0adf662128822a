import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineStylesheets, MAX_INLINE_STYLE_BYTES } from '../../src/http/inline-styles.js';

/** A build directory holding `assets/NAME` for each entry. */
function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wt-inline-'));
  mkdirSync(path.join(dir, 'assets'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, 'assets', name), text);
  }
  return dir;
}

const link = (name: string) => `<link rel="stylesheet" crossorigin href="/assets/${name}">`;

describe('inlineStylesheets', () => {
  it('writes each of the build’s stylesheets into the page, where its link was', async () => {
    const dir = dist({ 'a-1.css': '.a{color:red}', 'b-2.css': '.b{background:url(/x.png)}' });
    const html = `<head><title>t</title>${link('a-1.css')}${link('b-2.css')}</head>`;
    expect(await inlineStylesheets(html, dir)).toBe(
      '<head><title>t</title><style>.a{color:red}</style><style>.b{background:url(/x.png)}</style></head>',
    );
  });

  it('takes the sheet’s text as it is (no replacement patterns)', async () => {
    const dir = dist({ 'a-1.css': ".a::after{content:'$&$1'}" });
    expect(await inlineStylesheets(link('a-1.css'), dir)).toBe(
      "<style>.a::after{content:'$&$1'}</style>",
    );
  });

  it('leaves a link that is missing, too large or could close the element early', async () => {
    const dir = dist({
      'big-1.css': `.a{}${' '.repeat(MAX_INLINE_STYLE_BYTES)}`,
      'odd-1.css': '.a::after{content:"</style>"}',
    });
    for (const name of ['gone-1.css', 'big-1.css', 'odd-1.css']) {
      expect(await inlineStylesheets(link(name), dir)).toBe(link(name));
    }
  });

  it('leaves links outside the build’s assets alone', async () => {
    const dir = dist({ 'a-1.css': '.a{}' });
    const html = '<link rel="stylesheet" href="https://cdn.example/a-1.css">';
    expect(await inlineStylesheets(html, dir)).toBe(html);
  });
});
