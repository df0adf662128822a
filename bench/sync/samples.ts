import { z } from 'zod';

/** One reading of a page's visible video (see page/sampler.ts); `el` 0: none visible. */
export const sampleSchema = z.object({
  r: z.number(),
  el: z.number(),
  src: z.string(),
  visible: z.number(),
  t: z.number().optional(),
  paused: z.boolean().optional(),
  rate: z.number().optional(),
  duration: z.number().optional(),
  readyState: z.number().optional(),
  dropped: z.number().optional(),
  frames: z.number().optional(),
});
export type Sample = z.infer<typeof sampleSchema>;

/** A media event of any of the page's video elements. */
export const mediaEventSchema = z.object({
  r: z.number(),
  type: z.string(),
  el: z.number(),
  t: z.number(),
  rate: z.number(),
});
export type MediaEvent = z.infer<typeof mediaEventSchema>;

/**
 * A page script setting `playbackRate` or `currentTime` of one of its video elements
 * (see page/sampler.ts): the value before and after, whether the element was playing and
 * on screen at that moment.
 */
export const mediaSetSchema = z.object({
  r: z.number(),
  el: z.number(),
  what: z.enum(['rate', 'time']),
  from: z.number(),
  to: z.number(),
  paused: z.boolean(),
  visible: z.boolean(),
});
export type MediaSet = z.infer<typeof mediaSetSchema>;

/** One request of the page (Resource Timing, on the real clock; 0 where not known). */
export const requestSchema = z.object({
  url: z.string(),
  start: z.number(),
  requestStart: z.number(),
  responseStart: z.number(),
  responseEnd: z.number(),
});
export type PageRequest = z.infer<typeof requestSchema>;

/** A long animation frame of the page (over 50 ms), as its entry's JSON. */
export const longFrameEntrySchema = z.object({
  startTime: z.number(),
  duration: z.number(),
  blockingDuration: z.number(),
  styleAndLayoutStart: z.number(),
  scripts: z.array(
    z.object({
      invoker: z.string(),
      sourceURL: z.string(),
      sourceFunctionName: z.string(),
      duration: z.number(),
      forcedStyleAndLayoutDuration: z.number(),
    }),
  ),
});

/** A long animation frame of the page: times on the real clock, the scripts it ran. */
export interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  styleAndLayoutStart: number;
  scripts: Array<{ invoker: string; source: string; duration: number; layout: number }>;
}

export const takenSchema = z.object({
  samples: z.array(sampleSchema),
  events: z.array(mediaEventSchema),
  sets: z.array(mediaSetSchema),
  requests: z.array(requestSchema),
  timeOrigin: z.number(),
  longFrames: z.array(longFrameEntrySchema),
});
export type Taken = z.infer<typeof takenSchema>;

/** What one page recorded over a scenario. */
export interface PageRecord {
  name: string;
  rttMs: number;
  skewMs: number;
  /** The page's real clock minus the harness's (already taken out of `r`), ms. */
  clockOffsetMs: number;
  samples: Sample[];
  events: MediaEvent[];
  sets: MediaSet[];
  /** The page's requests (for a look at a page's load; no figure is computed from them). */
  requests: PageRequest[];
  /** The page's long animation frames (also only for a look). */
  longFrames: LongFrame[];
  /** Uncaught errors and console errors of the page. */
  errors: string[];
}
