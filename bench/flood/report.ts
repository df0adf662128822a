import type { Section } from '../scenarios/types.js';
import type { Window } from './bystander.js';
import type { PhaseResult } from './phases.js';
import type { PooledPhase } from './pooled.js';

/** The target of the issue: a bystander's latency within 1.5x of its baseline during a flood. */
export const TARGET_RATIO = 1.5;

const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(1));
const ratioOf = (value: number | undefined, base: number | undefined): number | undefined =>
  value === undefined || base === undefined || base <= 0 ? undefined : value / base;
const times = (value: number | undefined): string =>
  value === undefined ? '–' : `${value.toFixed(2)}x`;
const int = (value: number): string => Math.round(value).toLocaleString('en');

/** Every acknowledgement of the window answered `ok`. */
const allAnswered = (phase: PooledPhase): boolean =>
  phase.window.sent > 0 &&
  phase.window.answered === phase.window.sent &&
  phase.window.refused === 0 &&
  phase.window.lost === 0;

/** Each round's own p95, in order. */
const roundsCell = (phase: PooledPhase): string =>
  phase.rounds.map((round) => ms(round.window.p95)).join(' / ');

const answeredCell = (w: Window): string =>
  `${w.answered} / ${w.sent}${w.refused + w.lost > 0 ? ` (${w.refused} refused, ${w.lost} lost)` : ''}`;

/** The one line printed as each phase ends. */
export function phaseLine(phase: PhaseResult): string {
  const { window: w } = phase;
  const flood = phase.flood
    ? `; flood sent ${int(phase.flood.sent)}, acks ${JSON.stringify(phase.flood.acks)}, connected ${phase.flood.connected}, handshakes refused ${phase.flood.connectRefused}, disconnected by the server ${phase.flood.disconnectedByServer}`
    : '';
  return (
    `  ${phase.label}: bystander ${w.answered}/${w.sent} answered (${w.refused} refused, ${w.lost} lost), ` +
    `p50 ${ms(w.p50)} p95 ${ms(w.p95)} p99 ${ms(w.p99)} max ${ms(w.max)} ms; server CPU ${phase.serverCores.toFixed(2)} cores, bystander loop delay p99 ${ms(phase.bystanderLoopP99)} ms; ` +
    `server counted RATE_LIMITED ${int(phase.server.rateLimited)}, flood disconnects ${int(phase.server.floodDisconnects)}, ` +
    `handshakes refused ${int(phase.server.connectionsRefused)} (connection limit) ${int(phase.server.coolingRefused)} (cooldown)${flood}`
  );
}

function latencySection(baseline: PooledPhase, floods: PooledPhase[]): Section {
  const p95s = floods.map((phase) => ratioOf(phase.window.p95, baseline.window.p95));
  const p99s = floods.map((phase) => ratioOf(phase.window.p99, baseline.window.p99));
  const withinTarget = p95s.every((ratio) => ratio !== undefined && ratio <= TARGET_RATIO);
  const answered = [baseline, ...floods].every(allAnswered);
  const row = (phase: PooledPhase, label: string): [string, ...string[]] => [
    label,
    answeredCell(phase.window),
    ms(phase.window.p50),
    ms(phase.window.p95),
    ms(phase.window.p99),
    phase === baseline ? '1x' : times(ratioOf(phase.window.p95, baseline.window.p95)),
    phase === baseline ? '1x' : times(ratioOf(phase.window.p99, baseline.window.p99)),
    roundsCell(phase),
    phase.serverCores.toFixed(2),
    ms(Math.max(...phase.rounds.map((round) => round.bystanderLoopP99))),
    phase.rounds.map((round) => round.load).join(' / '),
  ];
  return {
    title: 'A bystander in another room during floods',
    header: [
      'phase (every round together)',
      'acks answered / sent',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'p95 vs baseline',
      'p99 vs baseline',
      'p95 ms of each window',
      'server CPU (cores)',
      'bystander process loop delay p99 ms (worst window)',
      'load average at each window',
    ],
    rows: [row(baseline, 'baseline: no flood'), ...floods.map((phase) => row(phase, phase.label))],
    verdict:
      `During the floods the bystander's p95 was ${p95s.map(times).join(', ')} its baseline of ${ms(baseline.window.p95)} ms ` +
      `(target ≤ ${TARGET_RATIO}x), its p99 ${p99s.map(times).join(', ')} of ${ms(baseline.window.p99)} ms; ` +
      (answered
        ? 'every one of its acknowledgements was answered, none refused.'
        : 'NOT every acknowledgement was answered ok (see the table).'),
    pass: withinTarget && answered,
    note: "Latency: from the emit to the acknowledgement of the bystander's own `time_sync` and `send_message`, in turn. The phases run in rounds (no flood, then each flood; no flood once more at the end), and each row pools that phase's windows of every round, so a slow drift of the shared machine weighs on the baseline and on each flood alike instead of deciding a ratio by which phase it fell in; \"p95 ms of each window\" shows how much single windows move. The target is judged on p95; at a few milliseconds, p99 moves with any scheduling hiccup of a shared 2-core machine. \"bystander process loop delay\": how late the bench's own process ran its timers; when it is high, part of the latency is the bystander's machine, not the server (compare the server's CPU).",
  };
}

function serverSection(floods: PooledPhase[]): Section {
  const disconnected = floods.every((phase) => (phase.flood?.disconnectedByServer ?? 0) > 0);
  return {
    title: 'What the server did against each flood',
    header: [
      'flood',
      'events sent (flooder)',
      'answered ok / RATE_LIMITED (flooder)',
      'connections opened / handshakes refused (flooder)',
      'RATE_LIMITED answers (server)',
      'disconnected for flooding (server)',
      'handshakes refused (server): connection limit / flood cooldown',
      'first refusal → disconnect, mean / max ms',
      'rooms held, change',
      'flooder CPU s',
    ],
    rows: floods.map((phase) => {
      const flood = phase.flood;
      return [
        phase.label,
        int(flood?.sent ?? 0),
        `${int(flood?.acks.ok ?? 0)} / ${int(flood?.acks.RATE_LIMITED ?? 0)}`,
        `${int(flood?.connected ?? 0)} / ${int(flood?.connectRefused ?? 0)}`,
        int(phase.server.rateLimited),
        int(phase.server.floodDisconnects),
        `${int(phase.server.connectionsRefused)} / ${int(phase.server.coolingRefused)}`,
        `${ms(flood?.refusalToDisconnectMeanMs)} / ${ms(flood?.refusalToDisconnectMaxMs)}`,
        `${phase.server.activeRooms >= 0 ? '+' : ''}${int(phase.server.activeRooms)}`,
        (flood?.cpuSeconds ?? 0).toFixed(1),
      ];
    }),
    verdict: disconnected
      ? 'Every flood was refused with RATE_LIMITED and its connections disconnected; the counts are the server’s own (/metrics with METRICS_TOKEN) and the flooder’s.'
      : 'Not every flood had a connection disconnected by the server (see the table).',
    pass: undefined,
    note: 'Each flood runs in its own process from its own loopback address, reconnecting at once whenever it is dropped or refused, for the ramp and the measured window; its counts are summed over the rounds. "first refusal → disconnect": per connection, from its first RATE_LIMITED answer to the server closing it (mean over every round\'s connections, max of all).',
  };
}

export function floodSections(pooled: PooledPhase[]): Section[] {
  const baseline = pooled.find((phase) => phase.kind === undefined);
  if (!baseline) throw new Error('no baseline phase');
  const floods = pooled.filter((phase) => phase.kind !== undefined);
  return [latencySection(baseline, floods), serverSection(floods)];
}
