import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';
import { errorOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  // No browser here: pages without data must fail clearly on the page path alone.
  h = await startHarness({ resolver: { errorCacheMs: 0 } });
});
afterAll(async () => {
  await h.close();
});

const page = (id: string): string => `https://www.tiktok.com/@someone/video/${id}`;

async function expectError(url: string, status: number, code: string): Promise<string> {
  const res = await h.resolve(url);
  expect(res.status).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  const { code: received, message } = errorOf(res.body);
  expect(received).toBe(code);
  expect(message.length).toBeGreaterThan(10);
  return message;
}

describe('status codes of the page become the design.md error codes', () => {
  it.each([
    ['private post (10216)', FAKE_IDS.private, 403, 'VIDEO_PRIVATE', /private/],
    ['private account (10222)', FAKE_IDS.privateAccount, 403, 'VIDEO_PRIVATE', /private/],
    ['deleted (10204)', FAKE_IDS.deleted, 404, 'VIDEO_UNAVAILABLE', /unavailable/],
    ['banned account (10221)', FAKE_IDS.banned, 404, 'VIDEO_UNAVAILABLE', /unavailable/],
    ['region blocked (10231)', FAKE_IDS.regionBlocked, 451, 'REGION_BLOCKED', /region/],
    ['TikTok server error (10101)', FAKE_IDS.serverError, 502, 'UPSTREAM_ERROR', /Try again/],
    ['an id TikTok does not know', '7399999999999999999', 404, 'VIDEO_UNAVAILABLE', /unavailable/],
  ])('%s', async (_name, id, status, code, wording) => {
    const message = await expectError(page(id), status, code);
    expect(message).toMatch(wording);
  });
});

describe('posts that are not playable videos', () => {
  it('a /photo/ link is refused without asking TikTok', async () => {
    h.fake.resetStats();
    const message = await expectError(
      `https://www.tiktok.com/@x/photo/${FAKE_IDS.photo}`,
      422,
      'NOT_A_VIDEO',
    );
    expect(message).toMatch(/photo/);
    expect(h.fake.stats.log).toEqual([]);
  });

  it('a photo post behind a /video/ link is recognised from its imagePost (not its soundtrack)', async () => {
    await expectError(page(FAKE_IDS.photo), 422, 'NOT_A_VIDEO');
  });

  it('a short link to a photo post', async () => {
    await expectError('https://vm.tiktok.com/ZMphoto01/', 422, 'NOT_A_VIDEO');
  });

  it('an age-gated item (isContentClassified, no video)', async () => {
    const message = await expectError(page(FAKE_IDS.ageGated), 403, 'VIDEO_PRIVATE');
    expect(message).toMatch(/age-restricted/);
  });

  it('a redirect to the login page', async () => {
    const message = await expectError(page(FAKE_IDS.login), 403, 'VIDEO_PRIVATE');
    expect(message).toMatch(/signed-in/);
  });
});

describe('pages without data and bot checks (page path only)', () => {
  it('the WAF challenge is solved once, then the page is read', async () => {
    h.fake.resetStats();
    const res = await h.resolve(page(FAKE_IDS.waf));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: FAKE_IDS.waf, source: 'page' });
    expect(h.fake.stats.wafChallenges).toBe(1);
    expect(h.fake.stats.pageHits.get(FAKE_IDS.waf)).toBe(2);
  });

  it('a challenge that comes back after it was answered is not solved again', async () => {
    h.fake.resetStats();
    await expectError(page(FAKE_IDS.wafStubborn), 502, 'UPSTREAM_ERROR');
    expect(h.fake.stats.wafChallenges).toBe(2);
  });

  it('an empty shell with no browser configured', async () => {
    const message = await expectError(page(FAKE_IDS.shell), 502, 'UPSTREAM_ERROR');
    expect(message).toMatch(/no browser/);
  });

  it('a page whose data only appears after its scripts run, with no browser configured', async () => {
    await expectError(page(FAKE_IDS.browserOnly), 502, 'UPSTREAM_ERROR');
  });
});

describe('short links that go nowhere', () => {
  it('a dead code redirects to the home page', async () => {
    const message = await expectError(
      'https://vm.tiktok.com/ZMdead0042/',
      404,
      'VIDEO_UNAVAILABLE',
    );
    expect(message).toMatch(/short link/);
  });

  it('a short link that is still a short link after five hops', async () => {
    h.fake.resetStats();
    await expectError('https://vm.tiktok.com/ZMloop001/', 502, 'UPSTREAM_ERROR');
    expect(h.fake.stats.shortLinkHits).toBe(5);
  });
});

describe('input that is not a TikTok video link', () => {
  it.each([
    ['not a URL at all', 'hello there', 400, 'INVALID_URL'],
    ['a TikTok profile, not a video', 'https://www.tiktok.com/@someone', 400, 'INVALID_URL'],
    ['a YouTube link', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 400, 'NOT_TIKTOK'],
    ['an id that is too short', 'https://www.tiktok.com/@a/video/123', 400, 'INVALID_URL'],
  ])('%s', async (_name, url, status, code) => {
    await expectError(url, status, code);
  });

  it('a missing ?url=', async () => {
    const res = await h.get('/api/resolve');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_URL' } });
  });
});

describe('timeouts and rate limits', () => {
  it('a page slower than the job deadline is a TIMEOUT (504)', async () => {
    const slow = await startHarness({ resolver: { jobTimeoutMs: 150 }, fake: { delayMs: 1_000 } });
    try {
      const started = Date.now();
      const res = await slow.resolve(page(FAKE_IDS.current));
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({ error: { code: 'TIMEOUT' } });
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await slow.close();
    }
  });

  it('RESOLVE_RATE_PER_MINUTE requests per client IP, then 429 with Retry-After', async () => {
    const limited = await startHarness({ resolveRatePerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await limited.resolve(page(FAKE_IDS.current))).status).toBe(200);
      }
      const res = await limited.get(
        `/api/resolve?url=${encodeURIComponent(page(FAKE_IDS.current))}`,
      );
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    } finally {
      await limited.close();
    }
  });
});
