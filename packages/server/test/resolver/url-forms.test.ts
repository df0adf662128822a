import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const { current, reflow, sigi, nextData, playAddrList } = FAKE_IDS;

describe('GET /api/resolve: every pasted URL form becomes the same video', () => {
  const forms: Array<[string, string, string]> = [
    ['canonical', `https://www.tiktok.com/@fake.creator/video/${current}`, current],
    ['canonical, empty handle', `https://www.tiktok.com/@/video/${reflow}`, reflow],
    [
      'canonical with query noise',
      `https://www.tiktok.com/@someone/video/${sigi}?is_from_webapp=1&sender_device=pc&_r=1&_t=abc`,
      sigi,
    ],
    ['no scheme, no www', `tiktok.com/@x/video/${nextData}/`, nextData],
    ['share', `https://www.tiktok.com/share/video/${current}`, current],
    ['share on tiktokv.com', `https://www.tiktokv.com/share/video/${current}/`, current],
    ['mobile', `https://m.tiktok.com/v/${current}.html`, current],
    ['embed', `https://www.tiktok.com/embed/${current}`, current],
    ['embed v2', `https://www.tiktok.com/embed/v2/${current}`, current],
    ['embed player', `https://www.tiktok.com/player/v1/${current}?autoplay=1`, current],
    ['vm short link', 'https://vm.tiktok.com/ZMok0001/', current],
    ['vt short link', 'https://vt.tiktok.com/ZSok0002/', reflow],
    ['www /t/ short link', 'https://www.tiktok.com/t/ZTok0003/', sigi],
    ['short link to a short link', 'https://vm.tiktok.com/ZMchain01/', reflow],
    ['short link with a relative redirect', 'https://vm.tiktok.com/ZMrel0001', nextData],
  ];

  it.each(forms)('%s', async (_name, url, id) => {
    const { status, body } = await h.resolve(url);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      url: `https://www.tiktok.com/@fake.creator/video/${id}`,
      mediaUrl: `/media/${id}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${id}`,
      author: { uniqueId: 'fake.creator', nickname: 'Fake Creator' },
    });
    expect(['page', 'cache']).toContain(body.source);
  });
});

describe('page data of every era', () => {
  it.each([
    ['current (__UNIVERSAL_DATA_FOR_REHYDRATION__)', current],
    ['mobile share page (webapp.reflow.video.detail)', reflow],
    ['2022-2023 (SIGI_STATE)', sigi],
    ['before 2022 (__NEXT_DATA__)', nextData],
    ['playAddr as a list, no bitrateInfo', playAddrList],
  ])('%s', async (_era, id) => {
    const { status, body } = await h.resolve(`https://www.tiktok.com/@_/video/${id}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id,
      url: `https://www.tiktok.com/@fake.creator/video/${id}`,
      title: `Fake video ${id} #fyp <b>caption</b> / with “quotes”`,
      author: { uniqueId: 'fake.creator', nickname: 'Fake Creator' },
      thumbnailUrl: `https://p16-sign-va.tiktokcdn.com/obj/cover-${id}.jpeg?x-expires=1754100000`,
      duration: 4,
      width: 360,
      height: 640,
      mediaUrl: `/media/${id}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${id}`,
      source: body.source,
    });
    expect(['page', 'cache']).toContain(body.source);
  });
});

describe('transport details', () => {
  it('reads gzip-compressed pages', async () => {
    const gz = await startHarness({ fake: { gzip: true } });
    try {
      const { status, body } = await gz.resolve(`https://www.tiktok.com/@_/video/${current}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: current, source: 'page', duration: 4 });
    } finally {
      await gz.close();
    }
  });
});
