/**
 * Runs the fake TikTok origin in its own process, so its CPU time does not share the
 * benchmark's event loop. Prints `{"origin": ...}` once listening; exits when stdin closes.
 * Settings: FAKE_DELAY_MS, FAKE_PAGE_BYTES, FAKE_VIDEO (path of the MP4 the CDN serves).
 */
import { readFileSync } from 'node:fs';
import { startFakeTikTok } from '../packages/server/test/fake-tiktok/server.js';

const fake = await startFakeTikTok({
  delayMs: Number(process.env.FAKE_DELAY_MS ?? '0'),
  pageBytes: Number(process.env.FAKE_PAGE_BYTES ?? '300000'),
  ...(process.env.FAKE_VIDEO ? { video: readFileSync(process.env.FAKE_VIDEO) } : {}),
});
process.stdout.write(`${JSON.stringify({ origin: fake.origin, videoBytes: fake.video.length })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.close().then(() => process.exit(0));
});
