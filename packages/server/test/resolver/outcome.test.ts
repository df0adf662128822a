import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toResolveOutcome } from '../../src/resolver/index.js';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('toResolveOutcome: what add_video puts on the queue item', () => {
  const resolve = (url: string): ReturnType<Harness['resolver']['resolve']> =>
    h.resolver.resolve(url);

  it('a playable video: the media path, the embed and the metadata', async () => {
    const outcome = await toResolveOutcome(resolve, 'https://vm.tiktok.com/ZMok0001/');
    expect(outcome).toEqual({
      ok: true,
      videoId: FAKE_IDS.current,
      url: `https://www.tiktok.com/@fake.creator/video/${FAKE_IDS.current}`,
      mp4Url: `/media/${FAKE_IDS.current}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${FAKE_IDS.current}`,
      title: `Fake video ${FAKE_IDS.current} #fyp <b>caption</b> / with “quotes”`,
      author: { uniqueId: 'fake.creator', nickname: 'Fake Creator' },
      thumbnailUrl: `/media/${FAKE_IDS.current}/thumbnail`,
      duration: 4,
      width: 360,
      height: 640,
    });
  });

  it('a failure carries its error and the embed fallback', async () => {
    const outcome = await toResolveOutcome(
      resolve,
      `https://www.tiktok.com/@x/video/${FAKE_IDS.private}`,
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'VIDEO_PRIVATE' },
      embedUrl: `https://www.tiktok.com/player/v1/${FAKE_IDS.private}`,
    });
  });

  it('a failed short link has no id, so no embed', async () => {
    const outcome = await toResolveOutcome(resolve, 'https://vm.tiktok.com/ZMdead0042/');
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ error: { code: 'VIDEO_UNAVAILABLE' } });
    expect('embedUrl' in outcome).toBe(false);
  });
});
