import type { Era } from './catalog.js';
import { FAKE_AUTHOR } from './item.js';

/** JSON as TikTok embeds it in HTML: `/`, `<`, `>` and `&` escaped. */
export function htmlJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\u002F')
    .replace(/</g, '\\u003C')
    .replace(/>/g, '\\u003E')
    .replace(/&/g, '\\u0026');
}

const FILLER = '"__I18N_FILLER__"';
const fillerCache = new Map<number, string>();

/**
 * Filler of about `bytes` bytes: translation strings, like the real page's i18n blob,
 * as HTML-escaped JSON (built once per size: the fake's own cost stays out of benchmarks).
 */
function i18nFiller(bytes: number): string {
  const cached = fillerCache.get(bytes);
  if (cached !== undefined) return cached;
  const out: Record<string, string> = {};
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const key = `webapp_key_${n.toString(36)}`;
    const value = `Translated text number ${n} with a link https://www.tiktok.com/about & <b>markup</b>`;
    out[key] = value;
    size += key.length + value.length + 6;
  }
  const json = htmlJson(out);
  fillerCache.set(bytes, json);
  return json;
}

/** `htmlJson(value)` with the filler placeholder replaced by the real filler. */
function withFiller(value: unknown, fillerBytes: number): string {
  const filler = i18nFiller(fillerBytes);
  return htmlJson(value).replace(FILLER, () => filler);
}

function head(title: string): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title>`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    '<script nonce="abc" id="__LOADABLE_REQUIRED_CHUNKS__" type="application/json">[1,2,3]</script>',
    // A decoy: `<script id=...>` as text inside a script must not be taken for a tag.
    '<script>window.__tpl = "<script id=\\"SIGI_STATE\\" type=\\"application/json\\">{}<\\/script>";</script>',
  ].join('');
}

const chromeCache = new Map<number, string>();

/** Page chrome of about `bytes` bytes: CSS and a big inline script, as the real page has. */
function chrome(bytes: number): string {
  const cached = chromeCache.get(bytes);
  if (cached !== undefined) return cached;
  const css = `.css-${'x'.repeat(20)}{display:flex;align-items:center;color:rgba(22,24,35,.75)}\n`;
  const js =
    'function a(b){return b&&b.__esModule?b:{default:b}}var c=[];for(var d=0;d<10;d++){c.push(d)}\n';
  const half = Math.max(0, Math.floor(bytes / 2));
  const html = [
    `<style>${css.repeat(Math.ceil(half / css.length))}</style>`,
    `<script>${js.repeat(Math.ceil(half / js.length))}</script>`,
  ].join('');
  chromeCache.set(bytes, html);
  return html;
}

export interface VideoPageData {
  id: string;
  statusCode: number;
  item: Record<string, unknown> | undefined;
}

function dataScript(era: Era, data: VideoPageData, fillerBytes: number): string {
  const { id, statusCode, item } = data;
  const i18n = '__I18N_FILLER__';
  switch (era) {
    case 'universal':
    case 'reflow': {
      const key = era === 'universal' ? 'webapp.video-detail' : 'webapp.reflow.video.detail';
      const json = {
        __DEFAULT_SCOPE__: {
          'webapp.app-context': { language: 'en', region: 'US', appId: 1988 },
          'webapp.i18n-translation': i18n,
          [key]: {
            ...(item ? { itemInfo: { itemStruct: item } } : {}),
            shareMeta: { title: 'TikTok', desc: '' },
            statusCode,
            statusMsg: statusCode === 0 ? '' : 'item_not_available',
          },
        },
      };
      const attrs =
        era === 'universal'
          ? 'id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json"'
          : "type='application/json' id='__UNIVERSAL_DATA_FOR_REHYDRATION__'";
      return `<script ${attrs}>${withFiller(json, fillerBytes)}</script>`;
    }
    case 'sigi': {
      const sigiItem = item
        ? { ...item, author: FAKE_AUTHOR.uniqueId, nickname: FAKE_AUTHOR.nickname }
        : undefined;
      const json = {
        AppContext: { appContext: { language: 'en' } },
        I18n: i18n,
        ItemModule: sigiItem ? { [id]: sigiItem } : {},
        UserModule: { users: { [FAKE_AUTHOR.uniqueId]: FAKE_AUTHOR } },
        VideoPage: { statusCode },
      };
      return `<script id="SIGI_STATE" type="application/json">${withFiller(json, fillerBytes)}</script>`;
    }
    case 'next': {
      const json = {
        props: {
          pageProps: {
            ...(item ? { itemInfo: { itemStruct: item } } : {}),
            statusCode,
            statusMessage: '',
            i18n,
          },
        },
        page: '/@[uniqueId]/video/[id]',
        buildId: 'fake',
      };
      return `<script id="__NEXT_DATA__" type="application/json" crossorigin="anonymous">${withFiller(json, fillerBytes)}</script>`;
    }
  }
}

/** A video page of roughly `pageBytes` bytes with its data in the era's script tag. */
export function videoPage(era: Era, data: VideoPageData, pageBytes: number): string {
  return [
    head('TikTok - Make Your Day'),
    chrome(Math.floor(pageBytes * 0.45)),
    '</head><body><div id="app"></div>',
    dataScript(era, data, Math.floor(pageBytes * 0.5)),
    '</body></html>',
  ].join('');
}

/** The ~1.4 KB page TikTok sends clients that do not look like a browser. */
export function shellPage(): string {
  return [
    head('TikTok - Make Your Day'),
    '</head><body><div id="app"></div>',
    '<script>window.__shell = true;</script>',
    `<noscript>${'Please enable JavaScript to use TikTok. '.repeat(20)}</noscript>`,
    '</body></html>',
  ].join('');
}

/** A page whose data only exists after its script ran (fetched, then written into the DOM). */
export function browserOnlyPage(id: string, pageBytes: number): string {
  const script = `
(async function () {
  var res = await fetch('/api/item/detail/?itemId=${id}', { credentials: 'include' });
  var detail = await res.json();
  await new Promise(function (r) { setTimeout(r, 50); });
  var s = document.createElement('script');
  s.id = '__UNIVERSAL_DATA_FOR_REHYDRATION__';
  s.type = 'application/json';
  s.textContent = JSON.stringify({ __DEFAULT_SCOPE__: { 'webapp.video-detail': detail } });
  document.head.appendChild(s);
  var v = document.getElementById('player');
  if (window.MediaSource) v.src = URL.createObjectURL(new MediaSource());
})();`;
  return [
    head('TikTok'),
    chrome(pageBytes),
    '</head><body><div id="app"><video id="player" muted></video></div>',
    `<script>${script}</script>`,
    '</body></html>',
  ].join('');
}

/** A page with no data at all: its script only points the `<video>` at the CDN. */
export function mediaOnlyPage(mediaUrl: string): string {
  return [
    head('TikTok'),
    '</head><body><video id="player" muted preload="auto"></video>',
    `<script>document.getElementById('player').src = ${JSON.stringify(mediaUrl)};</script>`,
    '</body></html>',
  ].join('');
}

export function simplePage(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}
