import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A stylesheet larger than this (bytes, before compression) stays a link: the first response
 * stays within what a new connection can carry in its first round trips (the app's own
 * sheet: 38 KB, 8 KB gzipped).
 */
export const MAX_INLINE_STYLE_BYTES = 64 * 1024;

/** `<link rel="stylesheet" … href="/assets/NAME.css">`, as Vite writes it into index.html. */
const STYLESHEET_LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/assets\/([\w.-]+\.css)">/g;

/**
 * index.html with the build's own stylesheets written into it as `<style>` elements. A
 * module script runs only once the stylesheets before it have arrived, and a new visitor's
 * browser fetches the stylesheet on a connection of its own: on a phone behind a 150 ms
 * round trip, that is the app starting (its clip loading, its socket opening) one to two
 * round trips later. Inline, the page's first response carries what the first paint needs.
 * A sheet that cannot be read, is too large or could end the element early stays a link.
 */
export async function inlineStylesheets(html: string, distDir: string): Promise<string> {
  const assets = path.join(distDir, 'assets');
  const replacements = new Map<string, string>();
  for (const match of html.matchAll(STYLESHEET_LINK)) {
    const [tag, name] = match;
    if (name === undefined || replacements.has(tag)) continue;
    const css = await readStylesheet(path.join(assets, name));
    if (css !== undefined) replacements.set(tag, `<style>${css}</style>`);
  }
  let inlined = html;
  for (const [tag, style] of replacements) inlined = inlined.replaceAll(tag, () => style);
  return inlined;
}

async function readStylesheet(file: string): Promise<string | undefined> {
  let css: string;
  try {
    css = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
  if (Buffer.byteLength(css) > MAX_INLINE_STYLE_BYTES) return undefined;
  if (/<\/style/i.test(css)) return undefined;
  return css;
}
