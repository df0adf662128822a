/**
 * `npm run bench`: every benchmark, each against a baseline measured in the same run,
 * printed and written to docs/benchmarks.md. `npm run bench -- <group> ...` runs only the
 * groups named (`resolver`, `sync`, `start-grid`, `rate-change`, `load`, `ui`, `flood`) and keeps the other groups' last results in the file.
 * Settings: BENCH_DELAY_MS (origin delay, default 50), BENCH_PAGE_BYTES (default 300000),
 * BENCH_SYNC_ROUNDS (rounds of the sync benchmark, default 2), BENCH_START_GRID_TRIALS (starts
 * with sound and muted in the start-grid benchmark, default 24), BENCH_RATE_CHANGE_SLOTS (slots per
 * page and pulse form in the rate-change benchmark, default 32), BENCH_UI_ROUNDS (newcomers per
 * viewport in the ui benchmark, default 3), CHROMIUM_PATH (default
 * /usr/bin/chromium or the first chromium on PATH); the load group's are in bench/load/options.ts,
 * the flood group's in bench/flood/options.ts.
 */
import { cpus } from 'node:os';
import { findChromium } from '../packages/server/src/resolver/browser/find-chromium.js';
import { writeDoc, type GroupResult } from './doc.js';
import { startFakeProcess } from './fake-client.js';
import { floodBenchmark } from './flood/index.js';
import { loadBenchmark } from './load/index.js';
import { burst } from './scenarios/burst.js';
import { flight } from './scenarios/flight.js';
import { latency } from './scenarios/latency.js';
import { media } from './scenarios/media.js';
import { memory } from './scenarios/memory.js';
import type { BenchContext, Section } from './scenarios/types.js';
import { rateChangeBenchmark } from './rate-change/index.js';
import { startGridBenchmark } from './start-grid/index.js';
import { syncBenchmark } from './sync/index.js';
import { uiBenchmark } from './ui/index.js';
import { benchVideo } from './video.js';

const delayMs = Number(process.env.BENCH_DELAY_MS ?? '50');
const pageBytes = Number(process.env.BENCH_PAGE_BYTES ?? '300000');
const syncRounds = Number(process.env.BENCH_SYNC_ROUNDS ?? '2');
const uiRounds = Number(process.env.BENCH_UI_ROUNDS ?? '3');
const startGridTrials = Number(process.env.BENCH_START_GRID_TRIALS ?? '24');
const rateChangeSlots = Number(process.env.BENCH_RATE_CHANGE_SLOTS ?? '32');
const found = findChromium(process.env.CHROMIUM_PATH);
if (!found) throw new Error('The benchmarks need Chromium (set CHROMIUM_PATH).');
const chromiumPath: string = found;

const print = (section: Section): void => {
  const mark =
    section.pass === undefined ? '' : section.pass ? '  [target met]' : '  [TARGET MISSED]';
  console.log(`\n== ${section.title}${mark}`);
  const [, ...columns] = section.header ?? [];
  if (columns.length > 0) console.log(`  ${''.padEnd(64)} ${columns.join(' | ')}`);
  for (const [label, ...values] of section.rows) {
    console.log(`  ${label.padEnd(64)} ${values.join(' | ')}`);
  }
  console.log(`  -> ${section.verdict}`);
};

/** The resolver and media path: five benchmarks sharing one fake origin process. */
async function resolverGroup(): Promise<GroupResult> {
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
  return {
    name: 'resolver',
    title: 'Resolver and media path',
    intro: [
      `Fake TikTok origin in its own process: pages of ${Math.round(pageBytes / 1000)} KB served after ${delayMs} ms,`,
      `media file ${(fake.videoBytes / 1024 / 1024).toFixed(1)} MB.`,
    ],
    sections,
  };
}

async function syncGroup(): Promise<GroupResult> {
  const result = await syncBenchmark({ chromiumPath, rounds: syncRounds });
  for (const section of result.sections) print(section);
  return result;
}

async function startGridGroup(): Promise<GroupResult> {
  const result = await startGridBenchmark({ chromiumPath, trials: startGridTrials });
  for (const section of result.sections) print(section);
  return result;
}

async function rateChangeGroup(): Promise<GroupResult> {
  const result = await rateChangeBenchmark({ chromiumPath, slots: rateChangeSlots });
  for (const section of result.sections) print(section);
  return result;
}

async function loadGroup(): Promise<GroupResult> {
  const result = await loadBenchmark();
  for (const section of result.sections) print(section);
  return result;
}

async function floodGroup(): Promise<GroupResult> {
  const result = await floodBenchmark();
  for (const section of result.sections) print(section);
  return result;
}

async function uiGroup(): Promise<GroupResult> {
  const result = await uiBenchmark({ chromiumPath, rounds: uiRounds });
  for (const section of result.sections) print(section);
  return result;
}

const groups: Record<string, () => Promise<GroupResult>> = {
  resolver: resolverGroup,
  sync: syncGroup,
  'start-grid': startGridGroup,
  'rate-change': rateChangeGroup,
  load: loadGroup,
  ui: uiGroup,
  flood: floodGroup,
};
const order = Object.keys(groups);
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in groups));
if (unknown.length > 0) {
  throw new Error(
    `Unknown benchmark group(s) ${unknown.join(', ')}; there are: ${order.join(', ')}.`,
  );
}
const chosen = asked.length > 0 ? order.filter((name) => asked.includes(name)) : order;

const command = asked.length > 0 ? `npm run bench -- ${chosen.join(' ')}` : 'npm run bench';
const machine = `Machine: ${cpus().length} CPU (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${chromiumPath}.`;
const results: GroupResult[] = [];
for (const name of chosen) {
  const run = groups[name];
  if (!run) continue;
  console.log(`\n# ${name}`);
  const result = await run();
  const date = new Date().toISOString();
  results.push({
    ...result,
    intro: [
      `Run: ${date}, command \`${command}\` (\`bash scripts/bench.sh\`).`,
      machine,
      ...result.intro,
    ],
  });
}
await writeDoc(results, order);
console.log('\nWritten to docs/benchmarks.md');
const missed = results
  .flatMap((result) => result.sections)
  .filter((section) => section.pass === false);
if (missed.length > 0) {
  console.log(`Targets missed: ${missed.map((section) => section.title).join(', ')}`);
  process.exitCode = 1;
}
