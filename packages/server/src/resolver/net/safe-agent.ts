import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isPublicAddress } from './ip-policy.js';

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
}

/**
 * A DNS lookup that only ever returns public addresses. It runs inside the socket's
 * own connect, so the address checked is the address connected to (no DNS rebinding
 * window between a check and the connection).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    const first = addresses[0];
    if (refused || !first) {
      callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), '', 0);
      return;
    }
    if (options.all) {
      // Node's typings only describe the single-address form of the callback.
      Reflect.apply(callback, undefined, [null, addresses]);
      return;
    }
    callback(null, first.address, first.family);
  });
};

interface AgentTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** An undici Agent that refuses to connect to anything but public addresses. */
export function createPublicAgent(timeouts: AgentTimeouts): Agent {
  const connector = buildConnector({
    timeout: timeouts.connectTimeoutMs,
    lookup: publicOnlyLookup,
  });
  return new Agent({
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
    connections: 64,
    connect(options, callback) {
      // An IP literal never reaches the lookup: check it here.
      if (isIP(options.hostname.replace(/^\[|\]$/g, '')) !== 0) {
        const ip = options.hostname.replace(/^\[|\]$/g, '');
        if (!isPublicAddress(ip)) {
          callback(new BlockedAddressError(`${ip} is not a public address`), null);
          return;
        }
      }
      connector(options, callback);
    },
  });
}

/** The Agent for the configured TIKTOK_ORIGIN (tests and development): no address policy. */
export function createOriginAgent(timeouts: AgentTimeouts): Agent {
  return new Agent({
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyTimeoutMs,
    connections: 128,
    connect: { timeout: timeouts.connectTimeoutMs },
  });
}
