export interface SamplerConfig {
  /** Sampling period, ms. */
  everyMs: number;
}

/**
 * Runs in the page before its own scripts (and before the skewed clock is installed):
 * every `everyMs` it records, against the real clock (sub-millisecond), what the visible
 * `<video data-testid="video-element">` shows. Also records the element's media events
 * (seeks, rate changes, stalls). The harness reads them with `window.__wtBench.take()`,
 * one sample at once with `read()`, and the page's real clock with `now()`.
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
  const visibleVideo = (): { video: HTMLVideoElement | undefined; visible: number } => {
    const all = document.querySelectorAll('video[data-testid="video-element"]');
    let found: HTMLVideoElement | undefined;
    let visible = 0;
    for (const element of all) {
      if (!(element instanceof HTMLVideoElement)) continue;
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
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
  for (const type of ['seeking', 'seeked', 'ratechange', 'waiting', 'playing', 'pause', 'ended']) {
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
  Object.defineProperty(window, '__wtBench', {
    value: {
      now: realNow,
      read,
      take: () => ({ samples: samples.splice(0), events: events.splice(0) }),
    },
  });
}
