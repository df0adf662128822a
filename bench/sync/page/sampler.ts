export interface SamplerConfig {
  /** Sampling period, ms. */
  everyMs: number;
}

/**
 * Runs in the page before its own scripts (and before the skewed clock is installed):
 * every `everyMs` it records, against the real clock (sub-millisecond), what the visible
 * `<video data-testid="video-element">` shows. Also records the element's media events
 * (seeks, rate changes, stalls) and every `playbackRate` / `currentTime` the page sets on
 * a video (a wrapper of HTMLMediaElement's setters that changes nothing of what they do). The harness reads them with `window.__wtBench.take()`,
 * one sample at once with `read()`, and the page's real clock with `now()`. `take()` also
 * gives the page's requests so far (Resource Timing: when each started and was answered)
 * and its long animation frames (what held its main thread).
 */
export function installSampler(config: SamplerConfig): void {
  const origin = performance.timeOrigin;
  const realNow = (): number => origin + performance.now();
  const ids = new WeakMap<HTMLVideoElement, number>();
  let nextId = 1;
  const idOf = (video: HTMLVideoElement): number => {
    const known = ids.get(video);
    if (known !== undefined) return known;
    ids.set(video, nextId);
    return nextId++;
  };
  const onScreen = (element: Element): boolean =>
    element.matches('video[data-testid="video-element"]') &&
    element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const visibleVideo = (): { video: HTMLVideoElement | undefined; visible: number } => {
    const all = document.querySelectorAll('video[data-testid="video-element"]');
    let found: HTMLVideoElement | undefined;
    let visible = 0;
    for (const element of all) {
      if (!(element instanceof HTMLVideoElement)) continue;
      if (!onScreen(element)) continue;
      visible++;
      found ??= element;
    }
    return { video: found, visible };
  };
  const read = () => {
    const { video, visible } = visibleVideo();
    const r = realNow();
    if (!video) return { r, el: 0, src: '', visible };
    const quality = video.getVideoPlaybackQuality();
    return {
      r,
      el: idOf(video),
      src: video.currentSrc || video.getAttribute('src') || '',
      visible,
      t: video.currentTime,
      paused: video.paused,
      rate: video.playbackRate,
      duration: Number.isFinite(video.duration) ? video.duration : 0,
      readyState: video.readyState,
      dropped: quality.droppedVideoFrames,
      frames: quality.totalVideoFrames,
    };
  };
  const samples: ReturnType<typeof read>[] = [];
  const events: Array<{ r: number; type: string; el: number; t: number; rate: number }> = [];
  setInterval(() => {
    samples.push(read());
  }, config.everyMs);
  const mediaEvents = [
    'loadstart',
    'loadedmetadata',
    'canplay',
    'seeking',
    'seeked',
    'ratechange',
    'waiting',
    'playing',
    'pause',
    'ended',
  ];
  for (const type of mediaEvents) {
    // Media events do not bubble: listen in the capture phase, for every element.
    document.addEventListener(
      type,
      (event) => {
        const video = event.target;
        if (!(video instanceof HTMLVideoElement)) return;
        events.push({
          r: realNow(),
          type,
          el: idOf(video),
          t: video.currentTime,
          rate: video.playbackRate,
        });
      },
      true,
    );
  }
  // Every `playbackRate` and `currentTime` a script of the page sets on a video, with the
  // value before and after: the page's own starts, switches and corrections, told apart
  // by the harness (a `ratechange` event says neither where from nor when it was asked).
  const sets: Array<{
    r: number;
    el: number;
    what: 'rate' | 'time';
    from: number;
    to: number;
    paused: boolean;
    visible: boolean;
  }> = [];
  const watchSetter = (property: 'playbackRate' | 'currentTime', what: 'rate' | 'time') => {
    const proto = HTMLMediaElement.prototype;
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    if (!descriptor?.get || !descriptor.set) {
      throw new Error(`HTMLMediaElement has no ${property} setter`);
    }
    // The original accessors, called on the element through Reflect.
    const original: object = Object.defineProperty({}, property, descriptor);
    Object.defineProperty(proto, property, {
      ...descriptor,
      set(this: HTMLMediaElement, value: unknown) {
        const before: unknown = Reflect.get(original, property, this);
        if (!Reflect.set(original, property, value, this)) {
          throw new TypeError(`${property} could not be set`);
        }
        if (!(this instanceof HTMLVideoElement)) return;
        const after: unknown = Reflect.get(original, property, this);
        sets.push({
          r: realNow(),
          el: idOf(this),
          what,
          from: typeof before === 'number' ? before : Number.NaN,
          to: typeof after === 'number' ? after : Number.NaN,
          paused: this.paused,
          visible: onScreen(this),
        });
      },
    });
  };
  watchSetter('playbackRate', 'rate');
  watchSetter('currentTime', 'time');
  // The page's long animation frames (over 50 ms): what kept its main thread busy. Kept
  // as the entries' JSON (TypeScript's DOM types do not know them yet; the harness parses).
  const longFrames: unknown[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longFrames.push(entry.toJSON());
  }).observe({ type: 'long-animation-frame', buffered: true });
  Object.defineProperty(window, '__wtBench', {
    value: {
      now: realNow,
      read,
      take: () => ({
        samples: samples.splice(0),
        events: events.splice(0),
        sets: sets.splice(0),
        timeOrigin: origin,
        longFrames: longFrames.splice(0),
        // Every request of the page so far (the document first), on the real clock.
        requests: [
          ...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource'),
        ].flatMap((entry) =>
          entry instanceof PerformanceResourceTiming
            ? [
                {
                  url: entry.name,
                  start: origin + entry.startTime,
                  requestStart: origin + entry.requestStart,
                  responseStart: origin + entry.responseStart,
                  responseEnd: origin + entry.responseEnd,
                },
              ]
            : [],
        ),
      }),
    },
  });
}
