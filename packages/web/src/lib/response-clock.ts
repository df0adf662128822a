import { parseServerClock, SERVER_CLOCK_TIMING } from '@wt/protocol';
import { sampleFromPing, type ClockSample } from './clock';

/**
 * Clock samples from the page's own HTTP responses. The server stamps each response's
 * `Server-Timing` with its clock (see `@wt/protocol`'s `server-clock`), and the browser
 * times each request in its network stack: `requestStart` when the request left,
 * `responseStart` when the first byte came back, both on `performance.timeOrigin`. So the
 * page's script, styles, thumbnails and media are NTP-style pings that cost nothing, whose
 * times a busy main thread cannot stretch (a socket ping's answer waits for the thread),
 * and the first of them arrive before the page's own code even runs: a late joiner aims
 * its start with a good clock instead of waiting for its socket's first round trip.
 */

/** What a sample needs of a `PerformanceResourceTiming` (or navigation) entry. */
export interface TimedResponse {
  requestStart: number;
  responseStart: number;
  /** 0 when the response came from the HTTP cache (its stamp is as old as the copy). */
  transferSize: number;
  /** Not 0 when a service worker answered (perhaps from its own cache). */
  workerStart: number;
  serverTiming: readonly { name: string; description: string }[];
}

/** The clock sample of one response; none unless it came fresh from our server, stamped. */
export function responseSample(entry: TimedResponse, timeOrigin: number): ClockSample | undefined {
  const { requestStart, responseStart } = entry;
  const fromNetwork = entry.transferSize > 0 && entry.workerStart === 0;
  const timed = requestStart > 0 && responseStart >= requestStart;
  if (!fromNetwork || !timed) return undefined;
  const stamp = entry.serverTiming.find((metric) => metric.name === SERVER_CLOCK_TIMING);
  const serverTime = stamp === undefined ? undefined : parseServerClock(stamp.description);
  if (serverTime === undefined) return undefined;
  return sampleFromPing(timeOrigin + requestStart, serverTime, timeOrigin + responseStart);
}

/**
 * Passes on only the samples with a lower round trip than every one before: the clock
 * keeps a window of recent samples and uses its best, and a flood of poorer ones (the
 * thumbnails of a long queue, a media response held by its origin) would push the good
 * ones, its pings' too, out of that window.
 */
export function improvingOnly(
  onSample: (sample: ClockSample) => void,
): (sample: ClockSample) => void {
  let bestRtt = Number.POSITIVE_INFINITY;
  return (sample) => {
    if (sample.rtt >= bestRtt) return;
    bestRtt = sample.rtt;
    onSample(sample);
  };
}

/**
 * Hands over the samples of the stamped responses the page has loaded and loads, each
 * one better than the last (`improvingOnly`), for `forMs`: the page's first seconds,
 * while its clock is young; later its pings are enough. Returns a function that stops
 * early.
 */
export function watchResponseClock(
  onSample: (sample: ClockSample) => void,
  forMs: number,
): () => void {
  if (typeof PerformanceObserver === 'undefined') return () => undefined;
  const pass = improvingOnly(onSample);
  const take = (entries: readonly PerformanceEntry[]): void => {
    for (const entry of entries) {
      // The navigation entry is a PerformanceResourceTiming as well.
      if (!(entry instanceof PerformanceResourceTiming)) continue;
      const sample = responseSample(entry, performance.timeOrigin);
      if (sample) pass(sample);
    }
  };
  // What came before this line ran (the page, this script), at once: an observer's
  // `buffered` entries would come a task later, after the player has aimed its start.
  take(performance.getEntriesByType('navigation'));
  take(performance.getEntriesByType('resource'));
  const observer = new PerformanceObserver((list) => {
    take(list.getEntries());
  });
  observer.observe({ type: 'resource' });
  const timer = setTimeout(() => {
    observer.disconnect();
  }, forMs);
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
