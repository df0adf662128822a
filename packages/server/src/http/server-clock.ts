import { serverClockTiming } from '@wt/protocol';
import type { RequestHandler } from 'express';
import onHeaders from 'on-headers';

/**
 * Stamps every response with the server's clock (`Server-Timing: clock;desc="…"`, see
 * `@wt/protocol`'s `serverClockTiming`), read the moment its headers leave: the time
 * spent answering (a snapshot read, a media lookup) is then on the request's side of the
 * page's measurement, where the round trip it adds marks the sample as a poor one.
 */
export function serverClockHeader(clock: () => number): RequestHandler {
  return (_req, res, next) => {
    onHeaders(res, function stamp() {
      this.appendHeader('Server-Timing', serverClockTiming(clock()));
    });
    next();
  };
}
