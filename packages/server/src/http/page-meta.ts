/** What a page's link preview shows (Open Graph and Twitter cards). */
export interface PageMeta {
  title: string;
  description: string;
  /** Absolute URL of the page. */
  url: string;
  /** Absolute URL of the preview image (1200x630 PNG). */
  image: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `value` safe inside a double- or single-quoted attribute. */
export const escapeAttribute = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/** The `<meta>` tags of a page's link preview. */
export function metaTags(meta: PageMeta): string {
  const tags: [string, string, string][] = [
    ['property', 'og:title', meta.title],
    ['property', 'og:description', meta.description],
    ['property', 'og:url', meta.url],
    ['property', 'og:image', meta.image],
    ['property', 'og:image:alt', 'TikTok Watch Together: join my watch party'],
    ['name', 'twitter:title', meta.title],
    ['name', 'twitter:description', meta.description],
    ['name', 'twitter:image', meta.image],
  ];
  return tags
    .map(([kind, key, value]) => `<meta ${kind}="${key}" content="${escapeAttribute(value)}" />`)
    .join('');
}

/** `html` with `fragment` at the end of its head. */
export function intoHead(html: string, fragment: string): string {
  const at = html.indexOf('</head>');
  return at < 0 ? `${fragment}${html}` : `${html.slice(0, at)}${fragment}${html.slice(at)}`;
}

/** `html` with `fragment` at the start of its body. */
export function intoBodyStart(html: string, fragment: string): string {
  const body = /<body[^>]*>/.exec(html);
  if (!body) return `${html}${fragment}`;
  const at = body.index + body[0].length;
  return `${html.slice(0, at)}${fragment}${html.slice(at)}`;
}

/** The preview of a room's link (what a messaging app shows when it is sent). */
export function roomMeta(origin: string, roomPath: string): PageMeta {
  return {
    title: 'Join my TikTok watch party',
    description: 'Watch TikToks with me, in sync: same clip, same moment, one chat. Tap to join.',
    url: `${origin}${roomPath}`,
    image: `${origin}/og-image.png`,
  };
}

/** The preview of every other page. */
export function siteMeta(origin: string, path: string): PageMeta {
  return {
    title: 'TikTok Watch Together',
    description: 'Watch TikTok videos together, in sync: one link, a shared queue and a chat.',
    url: `${origin}${path}`,
    image: `${origin}/og-image.png`,
  };
}
