import { buildStamp } from '../sync/environment.js';
import type { GroupResult } from '../doc.js';
import { killAll, killChildrenOnSignal } from '../load/children.js';
import { startApp } from '../load/servers.js';
import { Bystander } from './bystander.js';
import type { FloodKind } from './ipc.js';
import { floodOptions } from './options.js';
import { FLOOD_LABELS, METRICS_TOKEN, runPhase, type PhaseResult } from './phases.js';
import { poolPhases, type PooledPhase } from './pooled.js';
import { floodSections, phaseLine } from './report.js';

/** The built server (`npm run build`). */
const APP_ENTRY = new URL('../../packages/server/dist/main.js', import.meta.url).pathname;
/** The bystander's own source address. */
const BYSTANDER_ADDRESS = '127.30.0.1';
const FLOODS: FloodKind[] = ['connection', 'address', 'rooms'];

/**
 * The flood benchmark: the built server with its default limits; a bystander in its own room
 * times its acknowledgements with no flood, then during each flood (each from its own
 * address, in its own process), then with no flood again. Settings: see `options.ts`.
 */
export async function floodBenchmark(): Promise<GroupResult> {
  const options = floodOptions();
  const unguard = killChildrenOnSignal();
  const stamp = await buildStamp();
  try {
    // Nothing here fetches from TikTok: the origin is a closed port.
    const server = await startApp(
      {
        entry: APP_ENTRY,
        tiktokOrigin: 'http://127.0.0.1:9',
        limits: 'defaults',
        env: { METRICS_TOKEN },
      },
      'app',
    );
    const phases: PhaseResult[] = [];
    let pooled: PooledPhase[] = [];
    try {
      const bystander = new Bystander(server.url, BYSTANDER_ADDRESS);
      await bystander.join();
      bystander.start(options.rate);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const run = async (round: string, kind: FloodKind | undefined, label: string) => {
        const phase = await runPhase(server, bystander, options, kind, label);
        console.log(`  ${round}:${phaseLine(phase)}`);
        phases.push(phase);
      };
      // Rounds of: no flood, then each flood; no flood once more at the end. Each phase's
      // windows of every round are pooled, so a drift of the shared machine falls on the
      // baseline and on each flood alike.
      for (let round = 1; round <= options.rounds; round++) {
        await run(`round ${round}`, undefined, 'no flood');
        for (const kind of FLOODS) await run(`round ${round}`, kind, FLOOD_LABELS[kind]);
      }
      await run('end', undefined, 'no flood');
      bystander.stop();
      pooled = poolPhases(phases, bystander);
      if (bystander.disconnects > 0) {
        console.log(`  WARNING: the bystander was disconnected ${bystander.disconnects} time(s)`);
      }
    } finally {
      await server.stop();
    }
    const rebuilt = (await buildStamp()) !== stamp;
    return {
      name: 'flood',
      title: 'Floods: a bystander’s latency while others flood',
      intro: [
        `Build ${stamp} (\`packages/server/dist/main.js\`${rebuilt ? ', REBUILT during the run' : ''}) with its default limits (SOCKET_EVENTS_PER_SECOND 20, SOCKET_EVENTS_BURST 40, ADDRESS_EVENTS_PER_SECOND 200, MAX_CONNECTIONS_PER_IP 50, FLOOD_COOLDOWN_SECONDS 10, ROOMS_PER_IP_PER_MINUTE 10) and METRICS_TOKEN set. ${options.rounds} rounds of: no flood, then each flood; no flood once more at the end. Each phase: ${options.rampMs / 1000} s of flood before ${options.phaseMs / 1000} s measured, then ${options.settleMs / 1000} s of quiet.`,
        `Bystander: one socket.io-client connection (WebSocket) from 127.30.0.1 in its own room, in the bench's own process, sending ${options.rate} acknowledged events a second (\`time_sync\` and \`send_message\` in turn). Floods, each in its own child process (4 steps nicer than the bench: a real attacker’s CPU is elsewhere) from its own address, measured from its first open connection: one connection from 127.31.0.1 keeping 2,000 \`send_message\` in flight; ${options.addressConnections} connections from 127.32.0.1 keeping 200 each in flight; ${options.roomConnections} connections from 127.33.0.1 joining new random rooms, 200 in flight each. Every flood connection reconnects at once when dropped or refused.`,
      ],
      sections: floodSections(pooled),
    };
  } finally {
    await killAll();
    unguard();
  }
}
