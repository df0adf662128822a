/** The media's buffered time ranges (`TimeRanges`), seconds. */
export interface BufferedRanges {
  readonly length: number;
  start(index: number): number;
  end(index: number): number;
}

/**
 * The parts of a `<video>` the sync engine uses. `HTMLVideoElement` fits as it is; tests
 * use a fake with a clock of its own.
 */
export interface SyncMedia {
  currentTime: number;
  playbackRate: number;
  preservesPitch: boolean;
  muted: boolean;
  /** Only the grid probe sets it (`grid-probe.ts`), and puts it back. */
  volume: number;
  preload: '' | 'none' | 'metadata' | 'auto';
  readonly paused: boolean;
  readonly seeking: boolean;
  readonly readyState: number;
  readonly duration: number;
  readonly buffered: BufferedRanges;
  /** Set once a load has failed (its `error` event may have come before anyone listened). */
  readonly error: { readonly code: number } | null;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Shows or hides one of the two elements (the other is the preloaded next clip). */
export interface MediaView {
  setShown(shown: boolean): void;
}

/** One element and its view. */
export interface MediaParts {
  media: SyncMedia;
  view: MediaView;
}
