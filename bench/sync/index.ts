import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze } from './analyze.js';
import { snapshotApp } from './app-snapshot.js';
import { load } from './environment.js';
import { relayRoutes } from './relay/relay-page.js';
import { syncSections, type Round } from './report.js';
import { runScenario, type ClientKind, type ScenarioResult } from './scenario.js';
import { CLIP_SECONDS, LATE_VIEWER, setUp, VIEWERS } from './setup.js';
import type { GroupResult } from '../doc.js';

export interface SyncOptions {
  chromiumPath: string;
  /** Rounds of (ours, relay): two or more show how much the figures move. */
  rounds: number;
}

const describeViewer = (spec: { name: string; rttMs: number; skewMs: number }): string =>
  `${spec.name} ${spec.rttMs} ms (clock ${spec.skewMs > 0 ? '+' : ''}${(spec.skewMs / 1000).toFixed(1)} s)`;

/** Prints what a scenario's pages and app complained about (once per distinct message). */
function printProblems(result: ScenarioResult): void {
  for (const record of result.records) {
    const local = [...new Set(record.errors)].filter(
      (error) => !/ERR_NAME_NOT_RESOLVED/.test(error),
    );
    for (const error of local) console.log(`  [${result.kind} page ${record.name}] ${error}`);
  }
  for (const line of result.appLog.split('\n').filter((text) => text.trim() !== '')) {
    console.log(`  [${result.kind} app log] ${line.slice(0, 300)}`);
  }
}

/**
 * "Sync through every transition": three pages behind proxies of 20, 75 and 150 ms with
 * skewed clocks watch a queue of three 5 s clips and a 40 s one, a fourth joins late, one
 * pauses; the same with the seed-style relay client as the baseline, `rounds` times.
 * BENCH_SYNC_DUMP=<dir> keeps each run's raw samples there as JSON.
 */
export async function syncBenchmark(options: SyncOptions): Promise<GroupResult> {
  const app = await snapshotApp();
  const setup = await setUp(options.chromiumPath);
  const rounds: Round[] = [];
  const loads: string[] = [];
  let autoAdvance = false;
  try {
    const routes = await relayRoutes();
    const run = async (kind: ClientKind, round: number) => {
      loads.push(load());
      console.log(`  sync round ${round}: ${kind === 'app' ? 'our app' : 'seed-style relay'}…`);
      const result = await runScenario({
        kind,
        browser: setup.browser,
        appEntry: app.entry,
        tiktokOrigin: setup.fake.origin,
        clips: setup.clips,
        viewers: VIEWERS,
        late: LATE_VIEWER,
        relayRoutes: routes,
      });
      printProblems(result);
      const dump = process.env.BENCH_SYNC_DUMP;
      if (dump) {
        await mkdir(dump, { recursive: true });
        await writeFile(join(dump, `sync-${kind}-${round}.json`), JSON.stringify(result));
      }
      return analyze(result, setup.clips);
    };
    for (let round = 1; round <= options.rounds; round++) {
      const ours = await run('app', round);
      const relay = await run('relay', round);
      autoAdvance ||= ours.autoAdvance;
      rounds.push({ ours, relay });
    }
  } finally {
    await setup.close();
    await app.remove();
  }
  const runs =
    options.rounds === 1 ? 'one run' : `${options.rounds} runs, each cell "run 1 / run 2 / …"`;
  return {
    name: 'sync',
    title: 'Sync through every transition',
    intro: [
      `Queue: clips of ${CLIP_SECONDS.join(', ')} s from the fake TikTok origin, served by the built app (\`packages/server/dist/main.js\`). Pages in Chromium behind TCP proxies adding ${VIEWERS.map(describeViewer).join(', ')} of round trip (±10% jitter per chunk, never reordered); late joiner ${describeViewer(LATE_VIEWER)}. Clocks skewed through \`Date\` and \`performance.timeOrigin\`; the harness samples each page's visible \`<video>\` every 25 ms on the real clock.`,
      `Baseline: a seed-style relay page (Socket.io's browser build; plays and pauses as events arrive, seeks when more than 2 s off, no clock sync, no scheduling) in the same scenario and run. ${autoAdvance ? 'The app advanced between clips by itself.' : 'The app did not advance by itself: the bench moved the room at each clip end.'} Results of ${runs}; "relay ÷ ours": how many times the baseline's figure is ours (higher: ours better).`,
      `Build ${app.stamp} (copied at the start, so a rebuild meanwhile changes nothing); load average at each scenario's start: ${loads.join(', ')}. What needs CPU time on time (starts, stalls, dropped frames, the late joiner's page load) moves with the load of the two cores; compare runs made at a similar load.`,
    ],
    sections: syncSections(rounds),
  };
}
