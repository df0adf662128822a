import { sampleFromPing, type ClockSample } from '../clock';

/** The part of the page's Navigation Timing entry the sample needs (ms after `timeOrigin`). */
export interface PageRequestTiming {
  requestStart: number;
  responseStart: number;
}

/** The page's own navigation entry, when the browser keeps one. */
export function navigationTiming(
  perf: Pick<Performance, 'getEntriesByType'> = performance,
): PageRequestTiming | undefined {
  const entry = perf.getEntriesByType('navigation')[0];
  if (entry === undefined || !('requestStart' in entry) || !('responseStart' in entry)) {
    return undefined;
  }
  const { requestStart, responseStart } = entry;
  return typeof requestStart === 'number' && typeof responseStart === 'number'
    ? { requestStart, responseStart }
    : undefined;
}

/**
 * A first clock sample from the page request itself: the server read its clock
 * (`serverTime`, the snapshot's) after the request left and before the response's first
 * byte came back, so the request is an NTP-style ping with a round trip of
 * `responseStart - requestStart`. The times are on `timeOrigin`, the base of the
 * clock's own local time (`performance.timeOrigin + performance.now()`). None when the
 * entry is missing or has no request (a page restored from a cache).
 */
export function pageRequestSample(
  serverTime: number,
  timing: PageRequestTiming | undefined,
  timeOrigin: number,
): ClockSample | undefined {
  if (!timing) return undefined;
  const { requestStart, responseStart } = timing;
  const valid =
    Number.isFinite(requestStart) &&
    Number.isFinite(responseStart) &&
    requestStart > 0 &&
    responseStart >= requestStart;
  if (!valid || !Number.isFinite(serverTime)) return undefined;
  return sampleFromPing(timeOrigin + requestStart, serverTime, timeOrigin + responseStart);
}
