import { ErrorCode, protocolError, type ProtocolError } from './errors.js';
import { Limits } from './limits.js';

/**
 * Recognises the TikTok links a person pastes (tiktok-reference.md section 1).
 * Pure and shared: the web app uses it for inline validation, the server for the
 * allow-list before anything is fetched.
 */
export type TikTokLink =
  | { kind: 'video'; id: string; canonicalUrl: string }
  | { kind: 'photo'; id: string; canonicalUrl: string }
  | { kind: 'short'; url: string };

export type ParseResult = { ok: true; link: TikTokLink } | { ok: false; error: ProtocolError };

const TIKTOK_DOMAINS = ['tiktok.com', 'tiktokv.com'] as const;
const SHORT_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);
const VIDEO_ID = '(\\d{17,21})';

const VIDEO_PATTERNS: readonly RegExp[] = [
  new RegExp(`^/@[^/]*/video/${VIDEO_ID}/?$`),
  new RegExp(`^/share/video/${VIDEO_ID}/?$`),
  new RegExp(`^/v/${VIDEO_ID}(?:\\.html)?/?$`),
  new RegExp(`^/embed/(?:v2/)?${VIDEO_ID}/?$`),
  new RegExp(`^/player/v1/${VIDEO_ID}/?$`),
];
const PHOTO_PATTERN = new RegExp(`^/@[^/]*/photo/${VIDEO_ID}/?$`);
const SHORT_PATH = /^\/(?:t\/)?[A-Za-z0-9]{4,16}\/?$/;

/** True for tiktok.com, tiktokv.com and their subdomains, nothing else. */
export function isTikTokHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return TIKTOK_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

export function canonicalVideoUrl(id: string, handle = '_'): string {
  return `https://www.tiktok.com/@${handle}/video/${id}`;
}

export function embedPlayerUrl(id: string): string {
  return `https://www.tiktok.com/player/v1/${id}`;
}

function toUrl(input: string): URL | undefined {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

export function parseTikTokUrl(input: string): ParseResult {
  if (input.length === 0 || input.length > Limits.urlMaxLength) {
    return { ok: false, error: protocolError(ErrorCode.INVALID_URL, 'That is not a link.') };
  }
  const url = toUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { ok: false, error: protocolError(ErrorCode.INVALID_URL, 'That is not a web link.') };
  }
  if (
    !isTikTokHost(url.hostname) ||
    url.username !== '' ||
    url.password !== '' ||
    url.port !== ''
  ) {
    return {
      ok: false,
      error: protocolError(ErrorCode.NOT_TIKTOK, 'Only TikTok links can be added.'),
    };
  }
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  const handle = /^\/@([^/]+)\//.exec(path)?.[1];
  for (const pattern of VIDEO_PATTERNS) {
    const id = pattern.exec(path)?.[1];
    if (id)
      return { ok: true, link: { kind: 'video', id, canonicalUrl: canonicalVideoUrl(id, handle) } };
  }
  const photoId = PHOTO_PATTERN.exec(path)?.[1];
  if (photoId) {
    return {
      ok: true,
      link: {
        kind: 'photo',
        id: photoId,
        canonicalUrl: `https://www.tiktok.com/@${handle ?? '_'}/photo/${photoId}`,
      },
    };
  }
  const isShortHost = SHORT_HOSTS.has(host);
  const isShortPath = isShortHost
    ? SHORT_PATH.test(path)
    : /^\/t\/[A-Za-z0-9]{4,16}\/?$/.test(path);
  if (isShortPath) {
    return { ok: true, link: { kind: 'short', url: `https://${host}${path}` } };
  }
  return {
    ok: false,
    error: protocolError(
      ErrorCode.INVALID_URL,
      'This TikTok link does not point to a video. Copy the link from the video’s Share button.',
    ),
  };
}
