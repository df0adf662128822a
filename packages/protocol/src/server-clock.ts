/**
 * Every HTTP response of the app carries the server's clock in a `Server-Timing` entry,
 * read just before its headers leave: `clock;desc="1796079195159.5"` (ms since the epoch).
 * The browser records each request's `requestStart` and `responseStart` in its network
 * stack, off the page's main thread, so every script, style, image or media response the
 * page loads is an NTP-style clock ping that a busy page (parsing its script, rendering
 * the room) cannot distort, and the first ones arrive before the page's own code runs.
 */
export const SERVER_CLOCK_TIMING = 'clock';

/** The `Server-Timing` header value for the server's clock `serverTime` (ms since the epoch). */
export function serverClockTiming(serverTime: number): string {
  return `${SERVER_CLOCK_TIMING};desc="${serverTime.toFixed(1)}"`;
}

/** The server time a `Server-Timing` entry's description carries, if it is one. */
export function parseServerClock(description: string): number | undefined {
  if (!/^\d{1,16}(\.\d{1,3})?$/.test(description)) return undefined;
  const time = Number(description);
  return Number.isFinite(time) ? time : undefined;
}
