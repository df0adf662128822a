import { randomBytes } from 'node:crypto';
import { genericId } from '../../packages/server/test/fake-tiktok/catalog.js';
import type { GroupResult } from '../doc.js';
import { startFakeProcess } from '../fake-client.js';
import { videoUrl } from '../scenarios/types.js';
import { buildStamp, load } from '../sync/environment.js';
import { killAll, killChildrenOnSignal } from './children.js';
import { runCrowd, type CrowdResult } from './crowd.js';
import { LoadMode, loadOptions, type LoadOptions } from './options.js';
import { deleteKeys, redisProblem, redisSupported } from './redis.js';
import {
  loadSections,
  MODE_TITLES,
  stepLine,
  type ModeResult,
  type RelayResult,
} from './report.js';
import { startApp, startRelay, type AppSettings, type ServerProcess } from './servers.js';
import { runStep, type StepResult, type Target } from './step.js';

/** The built server (`npm run build`). */
const APP_ENTRY = new URL('../../packages/server/dist/main.js', import.meta.url).pathname;

/** A mode's freshly started server processes, and their shared Redis stream if any. */
interface Fresh {
  servers: ServerProcess[];
  stream?: Target['stream'];
}

/** Runs `work` against fresh servers, stopping them afterwards whatever happens. */
async function onFresh<T>(
  start: () => Promise<Fresh>,
  flavor: Target['flavor'],
  work: (target: Target) => Promise<T>,
): Promise<T> {
  const { servers, stream } = await start();
  try {
    return await work({ flavor, servers, stream });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

interface ModeRun {
  mode: LoadMode;
  /** Starts the mode's server processes (fresh Redis keys each time). */
  start: () => Promise<Fresh>;
  steps: StepResult[];
  crowd: CrowdResult | undefined;
}

/** Which modes can run here, and how to start each; the others with the reason. */
async function prepareModes(
  options: LoadOptions,
  base: AppSettings,
  prefixes: string[],
): Promise<{ runs: ModeRun[]; unavailable: ModeResult[] }> {
  const runs: ModeRun[] = [];
  const unavailable: ModeResult[] = [];
  const wantsRedis = options.modes.some((mode) => mode !== LoadMode.memory);
  let redisReason: string | undefined;
  if (wantsRedis) {
    redisReason = await redisProblem(options.redisUrl);
    if (redisReason === undefined) {
      const prefix = `wt-loadbench-probe-${randomBytes(4).toString('hex')}:`;
      prefixes.push(prefix);
      const supported = await redisSupported({
        ...base,
        redis: { url: options.redisUrl, keyPrefix: prefix },
      });
      console.log(
        `  Redis probe: events ${supported ? 'cross' : 'do not cross'} between two processes`,
      );
      if (!supported)
        redisReason =
          'not available in this build (REDIS_URL: events do not cross between processes)';
    }
  }
  for (const mode of options.modes) {
    if (mode !== LoadMode.memory && redisReason !== undefined) {
      unavailable.push({ mode, available: false, reason: redisReason });
      continue;
    }
    const processes = mode === LoadMode.redis2 ? 2 : 1;
    const start = async (): Promise<Fresh> => {
      const redis =
        mode === LoadMode.memory
          ? undefined
          : { url: options.redisUrl, keyPrefix: `wt-loadbench-${randomBytes(4).toString('hex')}:` };
      if (redis) prefixes.push(redis.keyPrefix);
      const servers: ServerProcess[] = [];
      try {
        for (let index = 0; index < processes; index++) {
          servers.push(await startApp({ ...base, redis }, `${mode}#${index + 1}`));
        }
      } catch (error: unknown) {
        await Promise.all(servers.map((server) => server.stop()));
        throw error;
      }
      // The adapter's stream (`compose-redis.ts` names it after the key prefix).
      const stream = redis && { url: redis.url, key: `${redis.keyPrefix}socket.io` };
      return { servers, stream };
    };
    runs.push({ mode, start, steps: [], crowd: undefined });
  }
  return { runs, unavailable };
}

const crowdFailures = (crowd: CrowdResult): string =>
  crowd.failed === 0 ? '' : `, ${crowd.failed} joins failed (first: ${crowd.firstError ?? '?'})`;

interface Measured {
  results: ModeResult[];
  relay: RelayResult;
  /** Load average at each step's start. */
  loads: string[];
}

/** Every step of every mode and the relay, then the crowd; deletes its Redis keys. */
async function measure(options: LoadOptions, base: AppSettings, clip: string): Promise<Measured> {
  const prefixes: string[] = [];
  const loads: string[] = [];
  const relay: RelayResult = { steps: [], crowd: undefined };
  const startRelays = async (): Promise<Fresh> => ({ servers: [await startRelay()] });
  try {
    const { runs, unavailable } = await prepareModes(options, base, prefixes);
    for (const clients of options.steps) {
      loads.push(load());
      const baseline = await onFresh(startRelays, 'relay', (target) =>
        runStep(target, clients, options, undefined),
      );
      relay.steps.push(baseline);
      console.log(stepLine('relay', baseline));
      for (const run of runs) {
        const step = await onFresh(run.start, 'app', (target) =>
          runStep(target, clients, options, clip),
        );
        run.steps.push(step);
        console.log(stepLine(run.mode, step));
      }
    }
    if (options.crowd > 0) {
      const crowd = await onFresh(startRelays, 'relay', (target) =>
        runCrowd(target, options.crowd, options),
      );
      relay.crowd = crowd;
      console.log(
        `  relay: ${crowd.clients} joining one room: ${crowd.cpuSeconds.toFixed(2)} s CPU (a second room: ${crowd.second.cpuSeconds.toFixed(2)} s)${crowdFailures(crowd)}`,
      );
      for (const run of runs) {
        const ours = await onFresh(run.start, 'app', (target) =>
          runCrowd(target, options.crowd, options),
        );
        run.crowd = ours;
        console.log(
          `  ${run.mode}: ${ours.clients} joining one room: ${ours.cpuSeconds.toFixed(2)} s CPU (a second room: ${ours.second.cpuSeconds.toFixed(2)} s)${crowdFailures(ours)}`,
        );
      }
    }
    const results = options.modes.flatMap((mode): ModeResult[] => {
      const run = runs.find((r) => r.mode === mode);
      if (run) return [{ mode, available: true, steps: run.steps, crowd: run.crowd }];
      return unavailable.filter((u) => u.mode === mode);
    });
    return { results, relay, loads };
  } finally {
    await killAll();
    for (const prefix of prefixes) {
      const deleted = await deleteKeys(options.redisUrl, prefix);
      if (deleted > 0) console.log(`  deleted ${deleted} Redis keys under ${prefix}`);
    }
  }
}

/**
 * The load benchmark: simulated web clients in chatting rooms of 10 against the built
 * server in each mode, step by step, with a plain Socket.io relay under the same traffic in
 * the same run; then many people joining one room. Settings: see `options.ts`.
 */
export async function loadBenchmark(): Promise<GroupResult> {
  const options = loadOptions();
  const unguard = killChildrenOnSignal();
  try {
    // The working tree's build, as `npm start` runs it (bench/sync's private copy leaves out
    // the server's own node_modules); the stamp tells whether a rebuild happened meanwhile.
    const stamp = await buildStamp();
    const fake = await startFakeProcess({ delayMs: 0, pageBytes: 20_000 });
    try {
      const base: AppSettings = { entry: APP_ENTRY, tiktokOrigin: fake.origin };
      const { results, relay, loads } = await measure(options, base, videoUrl(genericId(1)));
      const rebuilt = (await buildStamp()) !== stamp;
      if (rebuilt) console.log('  WARNING: the app was rebuilt during the run');
      return {
        name: 'load',
        title: 'Load: many clients in chatting rooms',
        intro: [
          `Build ${stamp} (\`packages/server/dist/main.js\`${rebuilt ? ', REBUILT during the run: figures may mix two builds' : ''}). Modes: ${options.modes.map((mode) => MODE_TITLES[mode]).join('; ')}. Steps: ${options.steps.map((n) => n.toLocaleString('en')).join(' → ')} clients in rooms of ${options.roomSize}, each on fresh server processes, ${options.warmupMs / 1000} s of traffic and then ${options.holdMs / 1000} s measured; load average at each step's start: ${loads.join(', ')}.`,
          `Generator: the Socket.io protocol over WebSocket only (\`bench/load/wire-socket.ts\`: the packets socket.io-client sends), in processes of at most ${options.perWorker.toLocaleString('en')} clients at niceness 10 (they yield the two cores to the server they measure), every client from its own loopback source address (127.10.1.1, 127.10.1.2, …; 127.11.x.y for the second process, …); the server runs with generous event limits (SOCKET_EVENTS_PER_SECOND=1000), its own empty DATA_DIR and the fake TikTok origin, every room queueing one clip. Baseline: a plain Socket.io relay (\`bench/load/relay.ts\`: rooms, \`join\`, chat and playback relayed, clock pings answered) under the same traffic in the same run.`,
        ],
        sections: loadSections(results, relay),
      };
    } finally {
      await fake.stop();
    }
  } finally {
    unguard();
  }
}
