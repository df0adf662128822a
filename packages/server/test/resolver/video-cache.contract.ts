import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CachedResolve, VideoCache } from '../../src/resolver/cache/video-cache.js';
import type { ResolvedEntry } from '../../src/resolver/types.js';

export interface CacheUnderTest {
  cache: VideoCache;
  /** The clock the cache judges expiry by (ms); tests move it. */
  clock: { now: number };
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

export function sampleEntry(id: string, now: number): ResolvedEntry {
  return {
    video: {
      id,
      url: `https://www.tiktok.com/@someone/video/${id}`,
      title: 'A clip',
      author: { uniqueId: 'someone', nickname: 'Some One' },
      thumbnailUrl: 'https://p16-sign.tiktokcdn.com/thumb.jpeg',
      duration: 12,
      width: undefined,
      height: 1024,
      mediaUrl: `/media/${id}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${id}`,
    },
    media: {
      urls: [`https://v16-webapp.tiktokcdn.com/video/tos/${id}?expire=1`],
      cookie: 'tt_chain_token=abc; ttwid=1',
      userAgent: 'Mozilla/5.0 test',
      referer: 'https://www.tiktok.com/',
      expiresAt: now + 6 * HOUR,
    },
    extractedBy: 'page',
    freshUntil: now + 6 * HOUR - 5 * 60_000,
  };
}

/** What every `VideoCache` does, whichever store holds it (design.md section 5). */
export function videoCacheContract(name: string, make: () => Promise<CacheUnderTest>): void {
  describe(`${name} (VideoCache contract)`, () => {
    let t: CacheUnderTest;
    beforeEach(async () => {
      t = await make();
    });
    afterEach(async () => {
      await t.close();
    });

    it('misses an id it never saw', async () => {
      expect(await t.cache.get('7400000000000000001')).toBeUndefined();
    });

    it('answers a stored video exactly as stored, undefined fields included', async () => {
      const value: CachedResolve = {
        kind: 'video',
        entry: sampleEntry('7400000000000000001', t.clock.now),
      };
      await t.cache.set('7400000000000000001', value, t.clock.now + HOUR);
      expect(await t.cache.get('7400000000000000001')).toStrictEqual(value);
      expect(await t.cache.get('7400000000000000002')).toBeUndefined();
    });

    it('forgets a value once its expiry has passed, and stores nothing already expired', async () => {
      const value: CachedResolve = {
        kind: 'video',
        entry: sampleEntry('7400000000000000001', t.clock.now),
      };
      await t.cache.set('7400000000000000001', value, t.clock.now + HOUR);
      t.clock.now += HOUR - 1;
      expect(await t.cache.get('7400000000000000001')).toStrictEqual(value);
      t.clock.now += 2;
      expect(await t.cache.get('7400000000000000001')).toBeUndefined();
      await t.cache.set('7400000000000000002', value, t.clock.now);
      expect(await t.cache.get('7400000000000000002')).toBeUndefined();
    });

    it('keeps a negative entry (a definite failure) for its own short life', async () => {
      const failure: CachedResolve = {
        kind: 'failure',
        error: { code: 'VIDEO_PRIVATE', message: 'This video is private.' },
      };
      await t.cache.set('7400000000000000011', failure, t.clock.now + 30_000);
      expect(await t.cache.get('7400000000000000011')).toStrictEqual(failure);
      t.clock.now += 30_001;
      expect(await t.cache.get('7400000000000000011')).toBeUndefined();
    });

    it('a new value replaces the old one; delete forgets it', async () => {
      const video: CachedResolve = {
        kind: 'video',
        entry: sampleEntry('7400000000000000001', t.clock.now),
      };
      const failure: CachedResolve = {
        kind: 'failure',
        error: { code: 'VIDEO_UNAVAILABLE', message: 'This video was removed.' },
      };
      await t.cache.set('7400000000000000001', video, t.clock.now + HOUR);
      await t.cache.set('7400000000000000001', failure, t.clock.now + 30_000);
      expect(await t.cache.get('7400000000000000001')).toStrictEqual(failure);
      await t.cache.delete('7400000000000000001');
      expect(await t.cache.get('7400000000000000001')).toBeUndefined();
    });
  });
}
