import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genericId } from '../fake-tiktok/catalog.js';
import { startFakeTikTok, type FakeTikTok } from '../fake-tiktok/server.js';
import { startPipelineProcess, type PipelineProcess } from '../resolver/pipelines.js';
import { removeKeys, testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = await testRedisUrl();
const page = (id: string): string => `https://www.tiktok.com/@x/video/${id}`;

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** A queued video plays on a process that never resolved it (design.md section 5). */
describe('the media path never answers 404 for a video TikTok has', () => {
  let fake: FakeTikTok;
  let processes: PipelineProcess[];
  let connections: Redis[];
  let prefix: string;

  beforeEach(async () => {
    fake = await startFakeTikTok();
    processes = [];
    connections = [];
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    for (const process of processes) await process.close();
    for (const connection of connections) await connection.quit();
    await fake.close();
    await removeKeys(url, prefix);
  });

  async function start(options: { redis?: boolean; env?: Record<string, string> } = {}) {
    const redis = options.redis ? new Redis(url) : undefined;
    if (redis) connections.push(redis);
    const started = await startPipelineProcess(fake, {
      ...(redis ? { redis, keyPrefix: prefix } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    processes.push(started);
    return started;
  }

  it('a fresh process (memory, after a restart) resolves the id again and serves 206 and 200', async () => {
    const id = genericId(8001);
    const before = await start();
    expect((await before.resolve(page(id))).status).toBe(200);
    await before.close();
    processes = [];
    const after = await start();
    const size = fake.video.length;
    const partial = await after.get(`/media/${id}.mp4`, { headers: { range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-type')).toBe('video/mp4');
    expect(partial.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await bytes(partial)).equals(fake.video.subarray(100, 200))).toBe(true);
    const whole = await after.get(`/media/${id}.mp4`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect((await bytes(whole)).equals(fake.video)).toBe(true);
    // The restarted process looked the video up once, from its id.
    expect(fake.stats.pageHits.get(id)).toBe(2);
  });

  it('another process on the same Redis serves the bytes from the shared cache, no page fetch', async () => {
    const id = genericId(8002);
    const a = await start({ redis: true });
    const b = await start({ redis: true });
    expect((await a.resolve(page(id))).status).toBe(200);
    const whole = await b.get(`/media/${id}.mp4`);
    expect(whole.status).toBe(200);
    expect((await bytes(whole)).equals(fake.video)).toBe(true);
    const partial = await b.get(`/media/${id}.mp4`, { headers: { range: 'bytes=-10' } });
    expect(partial.status).toBe(206);
    expect((await bytes(partial)).equals(fake.video.subarray(fake.video.length - 10))).toBe(true);
    expect(fake.stats.pageHits.get(id)).toBe(1);
  });

  it('an id TikTok does not know answers 4xx JSON on a process with Redis too', async () => {
    const b = await start({ redis: true });
    const res = await b.get('/media/7411111111111111112.mp4');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'VIDEO_UNAVAILABLE' } });
    expect(fake.stats.cdnRequests).toBe(0);
  });

  it('re-resolves spend the address’s resolve budget; cached videos do not', async () => {
    const p = await start({ env: { RESOLVE_RATE_PER_MINUTE: '2' } });
    const [a, b, c] = [genericId(8003), genericId(8004), genericId(8005)];
    expect((await p.get(`/media/${a}.mp4`)).status).toBe(200);
    expect((await p.get(`/media/${b}.mp4`)).status).toBe(200);
    const refused = await p.get(`/media/${c}.mp4`);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(fake.stats.pageHits.get(c)).toBeUndefined();
    // Known videos still play, and /api/resolve shares the spent budget.
    expect((await p.get(`/media/${a}.mp4`)).status).toBe(200);
    expect((await p.resolve(page(c))).status).toBe(429);
  });
});
