import type { Section } from '../scenarios/types.js';
import type { CrowdResult } from './crowd.js';
import { LoadMode } from './options.js';
import type { StepResult } from './step.js';

export const MODE_TITLES: Record<LoadMode, string> = {
  memory: 'one process, in memory',
  'redis-1': 'one process with Redis',
  'redis-2': 'two processes with Redis',
};

/** Our results of one mode, or why the mode could not run. */
export type ModeResult =
  | { mode: LoadMode; available: true; steps: StepResult[]; crowd: CrowdResult | undefined }
  | { mode: LoadMode; available: false; reason: string };

export interface RelayResult {
  steps: StepResult[];
  crowd: CrowdResult | undefined;
}

const FULL_SCALE = 18_000;
const MB = 1024 * 1024;
const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(1));
const ratio = (ours: number | undefined, relay: number | undefined): string =>
  ours === undefined || relay === undefined || relay <= 0 ? '–' : `${(ours / relay).toFixed(2)}x`;
const withRelay = (
  ours: number | undefined,
  relay: number | undefined,
  format: (value: number | undefined) => string,
) => `${format(ours)} (relay ${format(relay)}, ${ratio(ours, relay)})`;
const kb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1024).toFixed(1));
const delivered = (step: StepResult): string =>
  `${step.received} / ${step.expected}${step.received === step.expected ? '' : ` (${(step.expected - step.received).toLocaleString('en')} missing)`}`;
const joined = (step: { joined: number; clients: number; failed: number }) =>
  `${step.joined}${step.joined === step.clients ? '' : ` of ${step.clients} (${step.failed} failed)`}`;

/** The one-line summary printed as each step ends. */
export function stepLine(label: string, step: StepResult): string {
  const refused = Object.entries(step.refused)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  return [
    `  ${label} ${step.clients} clients: joined ${joined(step)} in ${(step.joinMs / 1000).toFixed(1)} s`,
    `fan-out p50 ${ms(step.p50)} ms p99 ${ms(step.p99)} ms, delivered ${delivered(step)}`,
    `ping p99 ${ms(step.pingP99)} ms, RSS ${(step.rssBefore / MB).toFixed(0)} -> ${(step.rssAfter / MB).toFixed(0)} MB (${kb(step.bytesPerClient)} KB/client)`,
    `CPU ${step.cpuLoad.toFixed(2)} cores, generator CPU ${step.generatorCpuLoad.toFixed(2)} cores, generator loop delay p99 ${ms(step.loopDelayP99)} ms, player_state ${step.playerStates}, drops ${step.disconnects}${refused ? `, refused: ${refused}` : ''}${step.firstError ? `, first error: ${step.firstError}` : ''}`,
  ].join('; ');
}

const HEADER = [
  'clients',
  'joined',
  'fan-out p50 ms',
  'fan-out p99 ms',
  'chat deliveries (received / expected)',
  'memory per connection KB',
  'server RSS MB (before → loaded)',
  'server CPU (cores)',
  'generator CPU (cores)',
  'generator loop delay p99 ms',
];

function targetOf(mode: LoadMode, step: StepResult, relay: StepResult | undefined) {
  if (step.clients < FULL_SCALE) return undefined;
  if (mode === LoadMode.memory) {
    const p99 = step.p99 ?? Number.POSITIVE_INFINITY;
    const bound = relay?.p99 === undefined ? Number.NaN : relay.p99 * 1.5 + 5;
    return p99 < 50 && p99 <= bound && step.rssAfter < 1024 * MB && step.joined === step.clients;
  }
  if (mode === LoadMode.redis2) {
    return step.received === step.expected && (step.p99 ?? Number.POSITIVE_INFINITY) < 75;
  }
  return undefined;
}

const TARGETS: Record<LoadMode, string> = {
  memory: `target at ${FULL_SCALE.toLocaleString('en')} clients: p99 below 50 ms and at most 1.5x the relay's p99 + 5 ms, RSS under 1 GB`,
  'redis-1': 'no target of its own (compare with one process in memory)',
  'redis-2': `target at ${FULL_SCALE.toLocaleString('en')} clients: every chat delivered, p99 below 75 ms`,
};

function modeSection(result: ModeResult, relay: RelayResult): Section {
  const title = `Chatting rooms of 10, ${MODE_TITLES[result.mode]}`;
  if (!result.available) {
    return {
      title,
      header: ['measure', 'value'],
      rows: [['status', result.reason]],
      verdict: `Not measured: ${result.reason}.`,
      pass: undefined,
    };
  }
  const rows = result.steps.map((step): [string, ...string[]] => {
    const base = relay.steps.find((r) => r.clients === step.clients);
    return [
      step.clients.toLocaleString('en'),
      joined(step),
      withRelay(step.p50, base?.p50, ms),
      withRelay(step.p99, base?.p99, ms),
      delivered(step),
      withRelay(step.bytesPerClient, base?.bytesPerClient, kb),
      `${(step.rssBefore / MB).toFixed(0)} → ${(step.rssAfter / MB).toFixed(0)} (relay → ${base ? (base.rssAfter / MB).toFixed(0) : '–'})`,
      withRelay(step.cpuLoad, base?.cpuLoad, (v) => (v === undefined ? '–' : v.toFixed(2))),
      `${step.generatorCpuLoad.toFixed(2)} (relay ${base ? base.generatorCpuLoad.toFixed(2) : '–'})`,
      `${ms(step.loopDelayP99)} (relay ${ms(base?.loopDelayP99)})`,
    ];
  });
  const checks = result.steps
    .map((step) =>
      targetOf(
        result.mode,
        step,
        relay.steps.find((r) => r.clients === step.clients),
      ),
    )
    .filter((check) => check !== undefined);
  const pass = checks.length === 0 ? undefined : checks.every(Boolean);
  const last = result.steps.at(-1);
  const lastRelay = relay.steps.find((r) => r.clients === last?.clients);
  return {
    title,
    header: HEADER,
    rows,
    verdict: last
      ? `At ${last.clients.toLocaleString('en')} clients: p99 ${ms(last.p99)} ms against the relay's ${ms(lastRelay?.p99)} ms (${ratio(last.p99, lastRelay?.p99)}), ${kb(last.bytesPerClient)} KB per connection against ${kb(lastRelay?.bytesPerClient)} KB; ${TARGETS[result.mode]}${pass === undefined && last.clients < FULL_SCALE ? ' (not run at that scale)' : ''}${last.received < last.expected ? `; ${(last.expected - last.received).toLocaleString('en')} of ${last.expected.toLocaleString('en')} chats NOT delivered` : ''}.`
      : 'No step ran.',
    pass,
    note: "Each cell: ours (relay, ours ÷ relay). Fan-out: a chat stamped with its send time by the sender, received by each other member of its room (every room chats once per 2 s; members sync their clock as the web page does (5 pings before the join, bursts of 3 at 1.5, 4 and 10 s after it, then every 30 s, each burst followed by a report of its round trip; to both servers), report ready on every playback decision (ours), and one of them plays, seeks or pauses every 8 s). Memory per connection: server RSS at the end of the hold minus before any client connected, divided by the clients. Each step runs on fresh server processes. Generator CPU: all generator processes during the hold; with the server's, it shows how much of this machine's 2 cores was left. Generator loop delay: the worst generator process's event-loop delay p99 in the window; when it is near the fan-out p99, the generator (not the server) set the figure.",
  };
}

function crowdSection(results: ModeResult[], relay: RelayResult): Section | undefined {
  const measured = results.flatMap((r) =>
    r.available && r.crowd ? [{ mode: r.mode, crowd: r.crowd }] : [],
  );
  if (measured.length === 0 && !relay.crowd) return undefined;
  const row = (label: string, crowd: CrowdResult, baseline = false): [string, ...string[]] => [
    label,
    joined(crowd),
    (crowd.joinMs / 1000).toFixed(1),
    crowd.cpuSeconds.toFixed(2),
    crowd.second.joined === crowd.clients
      ? crowd.second.cpuSeconds.toFixed(2)
      : `${crowd.second.cpuSeconds.toFixed(2)} (${crowd.second.joined} joined)`,
    (crowd.settleMs / 1000).toFixed(1),
    crowd.streamEntriesPerJoin?.toFixed(2) ?? '–',
    crowd.deltaPacketsPerMemberPerJoin?.toFixed(3) ?? '–',
    baseline ? 'baseline' : ratio(crowd.cpuSeconds, relay.crowd?.cpuSeconds),
  ];
  const size = measured[0]?.crowd.clients ?? relay.crowd?.clients ?? 0;
  const fullSize = size >= 1000;
  const pass =
    fullSize && measured.length > 0
      ? measured.every((m) => m.crowd.cpuSeconds < 4 && m.crowd.joined === m.crowd.clients)
      : undefined;
  return {
    title: `${size.toLocaleString('en')} people joining one room`,
    header: [
      'server',
      'joined',
      'all joined after s',
      'server CPU s',
      'a second room right after: server CPU s',
      'CPU counted until s after the last join',
      'Redis stream entries per join',
      'change packets per member per join',
      'ours ÷ relay',
    ],
    rows: [
      ...measured.map((m) => row(MODE_TITLES[m.mode], m.crowd)),
      ...(relay.crowd ? [row('plain Socket.io relay', relay.crowd, true)] : []),
    ],
    verdict: `Server CPU for the whole room to join (all processes, until its broadcasts are done): ${measured.map((m) => `${MODE_TITLES[m.mode]} ${m.crowd.cpuSeconds.toFixed(2)} s`).join(', ')}${relay.crowd ? `; relay ${relay.crowd.cpuSeconds.toFixed(2)} s` : ''}; target: under 4 s${fullSize ? '' : ' at 1,000 people (not run at that scale)'}, on fresh processes (a second room right after: ${measured.map((m) => `${m.crowd.second.cpuSeconds.toFixed(2)} s`).join(', ')}).`,
    pass,
    note: "Clients join 50 at a time and all stay. Server CPU: utime + stime of /proc/<pid>/stat of the server process(es), from before the first connection until it has been flat for 1 s after the last join (at most 2 min). The relay announces the room's count to the room on each join (the seed's `room_users_count`), so its cost grows with the room too. Redis stream entries: what the join wrote to the Socket.io adapter's stream (every entry is read by every process), counted with XLEN before and after. Change packets: the `room_delta` and `room_deltas` packets the members received from their first connection until the room settled, divided by the members and by the joins (1 if every join reached every member alone). A second room: as many people join another room on the same processes right after, the first room's people staying; its CPU leaves out what a fresh process spends once (compiling the join path: V8's optimizing compiler was a fifth of a fresh server process's CPU in the first crowd, on a profile of two processes) and is shown beside the target's figure, not instead of it.",
  };
}

export function loadSections(results: ModeResult[], relay: RelayResult): Section[] {
  const crowd = crowdSection(results, relay);
  return [...results.map((result) => modeSection(result, relay)), ...(crowd ? [crowd] : [])];
}
