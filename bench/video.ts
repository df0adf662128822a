import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A bigger H.264 MP4 for the throughput benchmark (20 s, 720x1280, about 5 MB), made
 * with ffmpeg when it is installed; otherwise the 112 KB test fixture is used.
 */
export async function benchVideo(): Promise<string | undefined> {
  const file = join(await mkdtemp(join(tmpdir(), 'wt-bench-')), 'bench-720x1280.mp4');
  try {
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=720x1280:rate=30:duration=20',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=20',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      '2M',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-shortest',
      '-movflags',
      '+faststart',
      file,
    ]);
    return file;
  } catch {
    return undefined;
  }
}
