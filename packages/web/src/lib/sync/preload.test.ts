import { describe, expect, it } from 'vitest';
import { shouldPreload, type PreloadMoment } from './preload';

const moment = (extra: Partial<PreloadMoment> = {}): PreloadMoment => ({
  nextSrc: '/media/2.mp4',
  loadedSrc: undefined,
  runningForMs: 1_000,
  untilSwitchMs: 5_000,
  ...extra,
});

describe('shouldPreload', () => {
  it('loads the next clip once the current one has settled', () => {
    expect(shouldPreload(moment())).toBe(true);
  });

  it('never while the current clip is starting or about to start', () => {
    expect(shouldPreload(moment({ runningForMs: 200 }))).toBe(false);
    expect(shouldPreload(moment({ runningForMs: undefined }))).toBe(false);
  });

  it('for a short clip, once a third of it has run', () => {
    expect(shouldPreload(moment({ runningForMs: 250, untilSwitchMs: 750 }))).toBe(false);
    expect(shouldPreload(moment({ runningForMs: 300, untilSwitchMs: 700 }))).toBe(true);
  });

  it('never right before the switch', () => {
    expect(shouldPreload(moment({ untilSwitchMs: 300 }))).toBe(false);
  });

  it('not when it is loaded already or there is nothing to load', () => {
    expect(shouldPreload(moment({ loadedSrc: '/media/2.mp4' }))).toBe(false);
    expect(shouldPreload(moment({ nextSrc: undefined }))).toBe(false);
  });

  it('at once when what plays is not ours (an embed)', () => {
    expect(shouldPreload(moment({ runningForMs: Infinity }))).toBe(true);
  });
});
