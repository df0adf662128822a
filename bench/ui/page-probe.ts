/**
 * What runs in the newcomer's page before any of its own scripts (an init script): it
 * records, on the page's own clock (ms since navigation start), the largest contentful
 * paint, every layout shift and the first video frame presented on screen. Self-contained
 * (no imports, no closure): it is sent to the page as source.
 */
export function pageProbe(_arg: null): void {
  interface Probe {
    lcp: number | undefined;
    shifts: { at: number; value: number }[];
    firstFrame: number | undefined;
    firstMovingFrame: number | undefined;
  }
  const probe: Probe = {
    lcp: undefined,
    shifts: [],
    firstFrame: undefined,
    firstMovingFrame: undefined,
  };
  Object.defineProperty(window, '__wtUiProbe', { value: probe });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const value = 'value' in entry && typeof entry.value === 'number' ? entry.value : 0;
      const input = 'hadRecentInput' in entry && entry.hadRecentInput === true;
      if (!input) probe.shifts.push({ at: entry.startTime, value });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // Each <video> the app makes is watched for presented frames; a frame counts once its
  // element is visible (the app keeps a hidden standby element for the next clip).
  const watched = new WeakSet<HTMLVideoElement>();
  const watch = (video: HTMLVideoElement): void => {
    if (watched.has(video)) return;
    watched.add(video);
    const onFrame = (now: number): void => {
      const visible = video.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      if (visible) {
        probe.firstFrame ??= now;
        if (!video.paused && video.playbackRate > 0) probe.firstMovingFrame ??= now;
      }
      if (probe.firstMovingFrame === undefined) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const scan = (): void => {
    for (const video of document.querySelectorAll('video')) watch(video);
  };
  // A video is visible only once it is in the document, and an insertion is seen before
  // the next rendering: no frame can be missed.
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}
