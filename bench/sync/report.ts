import type { Section } from '../scenarios/types.js';
import type { SyncFigures } from './analyze.js';
import { LATE_JOIN_AT_S, PAUSE_AT_S } from './scenario.js';

/** One round: our app and the seed-style relay, through the same scenario. */
export interface Round {
  ours: SyncFigures;
  relay: SyncFigures;
}

type Pick = (figures: SyncFigures) => number | undefined;

const HEADER = ['measure', 'ours', 'seed-style relay', 'relay ÷ ours'];
const LATE_WINDOW_S = PAUSE_AT_S - LATE_JOIN_AT_S;

const fmt = (value: number | undefined): string => {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0);
};
const msCell = (value: number | undefined): string =>
  value === undefined ? 'never' : `${fmt(value)} ms`;

/** How many times the relay's figure is ours (both lower-is-better, in ms). */
function times(relay: number | undefined, ours: number | undefined): string {
  if (ours === undefined) return relay === undefined ? '–' : 'ours never';
  if (relay === undefined) return `∞ (relay never)`;
  if (relay <= 0 || ours < 0) return '–';
  // Ours shows as 0.0: the ratio is at least the relay's over 0.1 ms.
  if (ours < 0.1) return `> ${(relay / 0.1).toFixed(0)}x`;
  const value = relay / ours;
  return `${value >= 10 ? value.toFixed(0) : value >= 0.1 ? value.toFixed(1) : value.toFixed(2)}x`;
}

/** Each round's value, `run 1 / run 2 / …`. */
const perRound = (rounds: readonly Round[], cell: (round: Round) => string): string =>
  rounds.map(cell).join(' / ');

function row(rounds: readonly Round[], label: string, pick: Pick): [string, ...string[]] {
  return [
    label,
    perRound(rounds, (round) => msCell(pick(round.ours))),
    perRound(rounds, (round) => msCell(pick(round.relay))),
    perRound(rounds, (round) => times(pick(round.relay), pick(round.ours))),
  ];
}

const worst = (rounds: readonly Round[], pick: Pick, side: keyof Round): number | undefined => {
  const values = rounds.map((round) => pick(round[side]));
  return values.some((value) => value === undefined)
    ? undefined
    : Math.max(...values.map((value) => value ?? 0));
};

/** The largest gap of a transition over the three pages (undefined if one is unknown). */
const worstGap =
  (transition: number): Pick =>
  (figures) => {
    const gaps = figures.transitions[transition]?.gaps ?? [];
    return gaps.length === 0 || gaps.some((gap) => gap === undefined)
      ? undefined
      : Math.max(...gaps.map((gap) => gap ?? 0));
  };
const nextSpread =
  (transition: number): Pick =>
  (figures) =>
    figures.transitions[transition]?.spread.p95;

const perPage = (values: readonly number[]): string => values.join('·');
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function steadySection(rounds: readonly Round[]): Section {
  const p95: Pick = (figures) => figures.steady.p95;
  const ours = worst(rounds, p95, 'ours');
  const relay = worst(rounds, p95, 'relay');
  return {
    title: 'Sync: steady offset between pages (40 s clip, after its first 3 s)',
    header: HEADER,
    rows: [
      row(rounds, 'pairwise offset p50', (figures) => figures.steady.p50),
      row(rounds, 'pairwise offset p95 (target ≤ 10 ms)', p95),
      row(rounds, 'pairwise offset max', (figures) => figures.steady.max),
    ],
    verdict: `p95 ${msCell(ours)} apart (worst run); the seed-style relay ${msCell(relay)}, ${times(relay, ours)} further apart`,
    pass: ours !== undefined && ours <= 10,
    note: 'Offset of a pair: where one page was on the queue timeline at each of its samples (every 25 ms, real clock) minus where the other was at that instant (interpolated), over the three pages that started together, from 3 s into the 40 s clip until the pause.',
  };
}

function transitionSection(rounds: readonly Round[]): Section {
  const count = Math.max(...rounds.map((round) => round.ours.transitions.length), 0);
  const rows: Array<[string, ...string[]]> = [];
  let pass = count > 0;
  let gapWorst = Number.NEGATIVE_INFINITY;
  let spreadWorst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const clip = `clip ${i + 1} → ${i + 2}`;
    rows.push(row(rounds, `${clip}: gap after the end, worst page (target ≤ 300 ms)`, worstGap(i)));
    rows.push(
      row(rounds, `${clip}: apart over its first 3 s, p95 (target ≤ 10 ms)`, nextSpread(i)),
    );
    const gap = worst(rounds, worstGap(i), 'ours');
    const spread = worst(rounds, nextSpread(i), 'ours');
    gapWorst = Math.max(gapWorst, gap ?? Number.POSITIVE_INFINITY);
    spreadWorst = Math.max(spreadWorst, spread ?? Number.POSITIVE_INFINITY);
    if (gap === undefined || gap > 300 || spread === undefined || spread > 10) pass = false;
  }
  const how = [...new Set(rounds.map((round) => describeAdvance(round.ours)))].join('; ');
  return {
    title: 'Sync: every clip change (three 5 s clips, then the 40 s one)',
    header: HEADER,
    rows,
    verdict: `worst gap ${msCell(gapWorst)}, worst p95 ${msCell(spreadWorst)} apart over a new clip's first 3 s`,
    pass,
    note: `Gap, per page: the next clip's start (its first playing samples extrapolated back to 0) minus the previous clip's end (its last playing samples extrapolated forward to its duration); negative when a clip was cut short. How the app moved on: ${how}. The relay always follows the room's own auto-advance or the bench's change, as a seed client does.`,
  };
}

function describeAdvance(figures: SyncFigures): string {
  const driven = figures.transitions.filter((transition) => transition.how === 'driven').length;
  if (!figures.autoAdvance) {
    return 'no auto-advance in this app: the bench moved the room at each clip end (change_video then player_play, as a person would)';
  }
  return driven === 0
    ? 'auto-advance'
    : `auto-advance missed ${driven} end(s); the bench moved the room 2 s after`;
}

function lateSection(rounds: readonly Round[]): Section {
  const pick: Pick = (figures) => figures.lateJoinMs;
  const ours = worst(rounds, pick, 'ours');
  const relay = worst(rounds, pick, 'relay');
  return {
    title: 'Sync: late joiner (150 ms path, clock off by -2.5 s)',
    header: HEADER,
    rows: [
      row(
        rounds,
        'from opening the link to within 100 ms of everyone, for good (target ≤ 1.5 s)',
        pick,
      ),
      row(rounds, 'of which: until its video is on screen', (figures) => figures.lateShownMs),
      row(rounds, 'of which: until it plays', (figures) => figures.lateRunningMs),
    ],
    verdict: `in sync ${msCell(ours)} after opening the link (worst run); the relay ${relay === undefined ? `never within ${LATE_WINDOW_S} s` : msCell(relay)}`,
    pass: ours !== undefined && ours <= 1_500,
    note: `The fourth page opens the room link ${LATE_JOIN_AT_S} s into the 40 s clip; "never": not within 100 ms for good before the pause ${LATE_WINDOW_S} s later.`,
  };
}

function pauseSection(rounds: readonly Round[]): Section {
  const pick: Pick = (figures) => figures.pauseSpreadMs;
  const ours = worst(rounds, pick, 'ours');
  const relay = worst(rounds, pick, 'relay');
  return {
    title: 'Sync: positions after a pause',
    header: HEADER,
    rows: [
      row(rounds, 'max - min of the four positions 1 s after one paused (target ≤ 10 ms)', pick),
    ],
    verdict: `${msCell(ours)} apart after a pause (worst run); the relay ${msCell(relay)}`,
    pass: ours !== undefined && ours <= 10,
  };
}

function framesSection(rounds: readonly Round[]): Section {
  const cells = (pick: (figures: SyncFigures) => number[]): [string, string] => [
    perRound(rounds, (round) => perPage(pick(round.ours))),
    perRound(rounds, (round) => perPage(pick(round.relay))),
  ];
  const afterCorrection = (figures: SyncFigures): number[] => figures.droppedAfterCorrection;
  const ours = Math.max(...rounds.map((round) => sum(afterCorrection(round.ours))));
  const relay = Math.max(...rounds.map((round) => sum(afterCorrection(round.relay))));
  return {
    title: 'Sync: frames dropped (pages A·B·C, late joiner D)',
    header: ['measure', 'ours', 'seed-style relay'],
    rows: [
      ['dropped in all', ...cells((figures) => figures.droppedTotal)],
      ['dropped in the steady phase', ...cells((figures) => figures.droppedSteady)],
      ['dropped within 1 s after a seek or rate change (target 0)', ...cells(afterCorrection)],
      ['seeks in the steady phase', ...cells((figures) => figures.seeksSteady)],
      [
        'playback-rate changes in the steady phase',
        ...cells((figures) => figures.rateChangesSteady),
      ],
    ],
    verdict: `${ours} frame(s) dropped after a correction (worst run); the relay ${relay}`,
    pass: ours === 0,
    note: "`getVideoPlaybackQuality().droppedVideoFrames` of the visible element. Two cores decode four videos and run the app, the proxies and the harness: drops away from any correction are the machine's, not the sync's.",
  };
}

/** The sync benchmark's sections, each round's figures side by side. */
export function syncSections(rounds: readonly Round[]): Section[] {
  return [
    steadySection(rounds),
    transitionSection(rounds),
    lateSection(rounds),
    pauseSection(rounds),
    framesSection(rounds),
  ];
}
