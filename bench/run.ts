/**
 * `npm run bench`: every benchmark of the resolver and media path in one run, each against
 * a baseline measured in the same run, printed and written to docs/benchmarks.md.
 * Settings: BENCH_DELAY_MS (origin delay, default 50), BENCH_PAGE_BYTES (default 300000),
 * CHROMIUM_PATH (default /usr/bin/chromium or the first chromium on PATH).
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { findChromium } from '../packages/server/src/resolver/browser/find-chromium.js';
import { startFakeProcess } from './fake-client.js';
import { burst } from './scenarios/burst.js';
import { flight } from './scenarios/flight.js';
import { latency } from './scenarios/latency.js';
import { media } from './scenarios/media.js';
import { memory } from './scenarios/memory.js';
import type { BenchContext, Section } from './scenarios/types.js';
import { benchVideo } from './video.js';

const delayMs = Number(process.env.BENCH_DELAY_MS ?? '50');
const pageBytes = Number(process.env.BENCH_PAGE_BYTES ?? '300000');
const chromiumPath = findChromium(process.env.CHROMIUM_PATH);
if (!chromiumPath) throw new Error('The benchmarks need Chromium (set CHROMIUM_PATH).');

const video = await benchVideo();
const fake = await startFakeProcess({ delayMs, pageBytes, video });
const ctx: BenchContext = {
  origin: fake.origin,
  delayMs,
  pageBytes,
  videoBytes: fake.videoBytes,
  chromiumPath,
  stats: () => fake.stats(),
  reset: () => fake.reset(),
};

const sections: Section[] = [];
const print = (section: Section): void => {
  const mark =
    section.pass === undefined ? '' : section.pass ? '  [target met]' : '  [TARGET MISSED]';
  console.log(`\n== ${section.title}${mark}`);
  for (const [label, value] of section.rows) console.log(`  ${label.padEnd(64)} ${value}`);
  console.log(`  -> ${section.verdict}`);
};
try {
  for (const run of [latency, burst, flight, media, memory]) {
    const result = await run(ctx);
    for (const section of Array.isArray(result) ? result : [result]) {
      sections.push(section);
      print(section);
    }
  }
} finally {
  await fake.stop();
}

const date = new Date().toISOString();
const markdown = [
  '# Benchmarks: resolver and media path',
  '',
  `Run: ${date}, command \`npm run bench\` (\`bash scripts/bench.sh\`).`,
  `Machine: ${cpus().length} CPU (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${chromiumPath}.`,
  `Fake TikTok origin in its own process: pages of ${Math.round(pageBytes / 1000)} KB served after ${delayMs} ms,`,
  `media file ${(fake.videoBytes / 1024 / 1024).toFixed(1)} MB. Every figure is compared with a baseline measured in the same run.`,
  '',
  ...sections.flatMap((section) => [
    `## ${section.title}${section.pass === undefined ? '' : section.pass ? ' (target met)' : ' (target missed)'}`,
    '',
    '| measure | value |',
    '|---|---|',
    ...section.rows.map(([label, value]) => `| ${label} | ${value} |`),
    '',
    `**${section.verdict}**`,
    '',
    ...(section.note ? [section.note, ''] : []),
  ]),
].join('\n');
await writeFile(new URL('../docs/benchmarks.md', import.meta.url), markdown);
console.log('\nWritten to docs/benchmarks.md');
const missed = sections.filter((section) => section.pass === false);
if (missed.length > 0) {
  console.log(`Targets missed: ${missed.map((section) => section.title).join(', ')}`);
  process.exitCode = 1;
}
