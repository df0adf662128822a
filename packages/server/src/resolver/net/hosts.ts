/**
 * The hosts the server may ever contact: TikTok's page, short-link and CDN domains
 * (tiktok-reference.md sections 1 and 3) and their subdomains. A pasted link is only
 * accepted on tiktok.com / tiktokv.com (`@wt/protocol`'s `isTikTokHost`); media URLs
 * found in page data may also live on the CDN domains.
 */
const UPSTREAM_DOMAINS = [
  'tiktok.com',
  'tiktokv.com',
  'tiktokcdn.com',
  'tiktokcdn-us.com',
] as const;

export function isTikTokUpstreamHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return UPSTREAM_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Parses a URL, or undefined when it is not one (relative URLs need `base`). */
export function tryUrl(value: string, base?: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
