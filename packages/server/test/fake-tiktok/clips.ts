import { execFile } from 'node:child_process';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A video of a chosen length, for tests and benchmarks of transitions between clips. */
export interface Clip {
  video: Buffer;
  /** Its real length in seconds (TikTok's page data rounds it to whole seconds). */
  seconds: number;
}

/**
 * The id of clip `n` of `seconds` length: `77`, the length in tenths of a second (4
 * digits), then `n` (13 digits). The fake origin serves such ids as ordinary videos.
 */
export function clipId(n: number, seconds: number): string {
  const tenths = String(Math.round(seconds * 10)).padStart(4, '0');
  return `77${tenths}${String(n).padStart(13, '0')}`;
}

const cacheDir = join(tmpdir(), 'wt-fake-clips');

/**
 * An H.264 + AAC MP4 of `seconds`, 360x640 at 30 fps with a running counter, made with
 * Debian's ffmpeg (which `npm test` ensures) and cached between runs.
 */
export async function makeClip(seconds: number): Promise<Clip> {
  const file = join(cacheDir, `clip-${seconds.toFixed(1)}s.mp4`);
  try {
    return { video: await readFile(file), seconds };
  } catch {
    // Not made yet.
  }
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.part.mp4`;
  const length = seconds.toFixed(3);
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=360x640:rate=30:duration=${length}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${length}`],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p'],
    ...['-g', '30', '-b:v', '400k', '-c:a', 'aac', '-b:a', '48k', '-ac', '1'],
    ...['-shortest', '-movflags', '+faststart', partial],
  ]);
  await rename(partial, file);
  return { video: await readFile(file), seconds };
}

/** Clips `1..n` of the given lengths, keyed by their ids (see `clipId`). */
export async function makeClips(lengths: readonly number[]): Promise<Map<string, Clip>> {
  const clips = new Map<string, Clip>();
  for (const [i, seconds] of lengths.entries()) {
    clips.set(clipId(i + 1, seconds), await makeClip(seconds));
  }
  return clips;
}
