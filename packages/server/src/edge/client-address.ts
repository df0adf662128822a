import type { IncomingMessage } from 'node:http';

/**
 * The address a request comes from: the peer, or behind a trusted proxy the first address
 * of `X-Forwarded-For` (what Express's `trust proxy: true` picks too). IPv4-mapped IPv6
 * addresses are shown as IPv4, so one person is one key whichever way the socket says it.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return normalise(first);
  }
  return normalise(req.socket.remoteAddress ?? 'unknown');
}

/** One spelling per address: an IPv4-mapped IPv6 address as plain IPv4. */
export function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
