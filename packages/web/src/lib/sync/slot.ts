import type { MediaParts, MediaView, SyncMedia } from './media';
import { HAVE_FUTURE_DATA, HAVE_METADATA, isArmed, type PrepReading } from './start-plan';

/** What a slot tells the engine. */
export interface SlotEvents {
  /** Something changed that may let a start go on (data, a seek done, a stall): look again. */
  changed(): void;
  duration(itemId: number, seconds: number): void;
  ended(itemId: number): void;
  /** The media failed to load here. */
  failed(src: string): void;
  /** `play()` was refused until the person taps. */
  blocked(): void;
}

/** Media events after which a pending start may be able to go on. */
const PROGRESS_EVENTS = ['loadedmetadata', 'loadeddata', 'canplay', 'seeked', 'playing', 'waiting'];

/** Rates closer than this are the same rate (setting the rate is not free). */
const RATE_EPSILON = 1e-4;

function isAutoplayRefusal(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'NotAllowedError';
}

/**
 * One of the engine's two media elements and what it holds: which clip (by queue item
 * id) and which load of it (`generation`), so events of an earlier load are never
 * mistaken for the current one.
 */
export class MediaSlot {
  readonly media: SyncMedia;
  readonly view: MediaView;
  itemId: number | undefined;
  src: string | undefined;
  generation = 0;
  private readonly listeners: [string, () => void][];

  constructor(
    parts: MediaParts,
    private readonly events: SlotEvents,
  ) {
    this.media = parts.media;
    this.view = parts.view;
    const onMetadata = () => {
      const seconds = this.media.duration;
      if (this.itemId !== undefined && Number.isFinite(seconds) && seconds > 0) {
        this.events.duration(this.itemId, seconds);
      }
    };
    const onEnded = () => {
      if (this.itemId !== undefined) this.events.ended(this.itemId);
    };
    const onError = () => {
      if (this.src !== undefined) this.events.failed(this.src);
    };
    const onProgress = () => {
      this.events.changed();
    };
    this.listeners = [
      ['loadedmetadata', onMetadata],
      ['ended', onEnded],
      ['error', onError],
      ...PROGRESS_EVENTS.map((type): [string, () => void] => [type, onProgress]),
    ];
    for (const [type, listener] of this.listeners) this.media.addEventListener(type, listener);
    this.media.preload = 'auto';
  }

  /** Loads a clip; the element seeks to `startAt` as soon as it knows the clip's length. */
  load(itemId: number, src: string, startAt: number): void {
    // The element's first clip may be loading already: the page's early media (see
    // `dom-video.ts`), the same path. Setting it again would start the load over.
    const loading = this.generation === 0 && this.media.getAttribute('src') === src;
    this.itemId = itemId;
    this.src = src;
    this.generation++;
    this.media.playbackRate = 1;
    this.media.preservesPitch = true;
    // Setting the attribute runs the load algorithm (and `getAttribute('src')` stays the path).
    if (!loading) this.media.setAttribute('src', src);
    else if (this.media.error !== null) this.reportEarlyFailure(src);
    // Before the metadata this is the "default playback start position": no extra seek.
    if (startAt > 0) this.media.currentTime = startAt;
  }

  /**
   * The page's early load failed before this slot listened (its `error` event is gone):
   * told now, after the load call that found it, as the event would have been.
   */
  private reportEarlyFailure(src: string): void {
    const { generation } = this;
    queueMicrotask(() => {
      if (this.generation === generation) this.events.failed(src);
    });
  }

  /** Drops the clip (it failed, or nothing of ours plays). */
  clear(): void {
    if (this.src === undefined) return;
    this.itemId = undefined;
    this.src = undefined;
    this.generation++;
    this.media.pause();
    this.media.removeAttribute('src');
    this.media.load();
  }

  holds(itemId: number, src: string): boolean {
    return this.itemId === itemId && this.src === src;
  }

  reading(): PrepReading {
    const { currentTime, seeking, readyState, paused, playbackRate } = this.media;
    return { currentTime, seeking, readyState, paused, playbackRate };
  }

  get hasMetadata(): boolean {
    return this.src !== undefined && this.media.readyState >= HAVE_METADATA;
  }

  /** Shows the frame at `position` and could play on from it at once. */
  isPreparedAt(position: number, tolerance: number): boolean {
    const { media } = this;
    return (
      this.src !== undefined &&
      !media.seeking &&
      media.readyState >= HAVE_FUTURE_DATA &&
      Math.abs(media.currentTime - position) <= tolerance
    );
  }

  get armed(): boolean {
    return isArmed(this.media);
  }

  /** Running: playing at a rate above 0 (an armed element is not running yet). */
  get running(): boolean {
    return !this.media.paused && this.media.playbackRate > 0;
  }

  /** Moves to `position`; a running element first stops the frame at rate 0. */
  seek(position: number): void {
    if (!this.media.paused) this.media.playbackRate = 0;
    this.media.currentTime = position;
  }

  /** `play()` at rate 0: the pipeline starts, the frame holds until `setRate`. */
  arm(): void {
    this.media.playbackRate = 0;
    if (this.media.paused) this.play();
  }

  /**
   * Runs at `rate`; pitch correction is off only while the rate is nudged off the room's.
   * It goes off before a nudge's rate is set and back on only once the rate is back, so no
   * rate of a nudge (its return included) is set with it on: each such change stalls
   * Chromium's video clock (about 24 ms).
   */
  setRate(rate: number, nudging: boolean): void {
    if (nudging && this.media.preservesPitch) this.media.preservesPitch = false;
    if (Math.abs(this.media.playbackRate - rate) > RATE_EPSILON) this.media.playbackRate = rate;
    if (!nudging && !this.media.preservesPitch) this.media.preservesPitch = true;
  }

  play(): void {
    const generation = this.generation;
    this.media.play().then(
      () => {
        this.events.changed();
      },
      (error: unknown) => {
        if (isAutoplayRefusal(error) && generation === this.generation) this.events.blocked();
        // Anything else is an AbortError: a pause or a new load overtook this play(),
        // which is what the engine wanted; its next tick looks again.
      },
    );
  }

  pause(): void {
    if (!this.media.paused) this.media.pause();
  }

  dispose(): void {
    for (const [type, listener] of this.listeners) this.media.removeEventListener(type, listener);
    this.media.pause();
  }
}
