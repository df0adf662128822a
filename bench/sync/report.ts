import type { Section } from '../scenarios/types.js';
import type { SyncFigures } from './analyze.js';
import { higherRateP, type PageFrames, type Tally } from './frames.js';
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
      [
        'the bench’s own longest stall in the 5 s after the link opened (its proxies carry every packet)',
        perRound(rounds, (round) => msCell(round.ours.lateHarnessStallMs)),
        perRound(rounds, (round) => msCell(round.relay.lateHarnessStallMs)),
        '–',
      ],
    ],
    verdict: `in sync ${msCell(ours)} after opening the link (worst run); the relay ${relay === undefined ? `never within ${LATE_WINDOW_S} s` : msCell(relay)}`,
    pass: ours !== undefined && ours <= 1_500,
    note: `The fourth page opens the room link ${LATE_JOIN_AT_S} s into the 40 s clip; "never": not within 100 ms for good before the pause ${LATE_WINDOW_S} s later. The delay proxies run in the bench's own process: while it stalls (the machine's CPU is busy with four pages), every page's packets wait too, so a long stall there lengthens the join beyond what the path itself costs.`,
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

/** Every page's parts of one kind added up. */
function pooled(figures: SyncFigures, part: (page: PageFrames) => Tally): Tally {
  const parts = figures.frames.map(part);
  return { dropped: sum(parts.map((t) => t.dropped)), ms: sum(parts.map((t) => t.ms)) };
}

const afterCorrection = (page: PageFrames): Tally => page.afterCorrection;
const beforeCorrection = (page: PageFrames): Tally => page.beforeCorrection;
const control = (page: PageFrames): Tally => page.control;

const rate = (tally: Tally): string =>
  tally.ms <= 0 ? 'n/a' : `${((tally.dropped * 1000) / tally.ms).toFixed(2)}/s`;

/** The test of a run: correction windows against `against` (the control), all pages pooled. */
function correctionTest(
  figures: SyncFigures,
  against: (page: PageFrames) => Tally = control,
): number | undefined {
  const windows = pooled(figures, afterCorrection);
  const background = pooled(figures, against);
  return higherRateP(windows.dropped, windows.ms, background.dropped, background.ms);
}

const P_LIMIT = 0.05;

function framesSection(rounds: readonly Round[]): Section {
  const sides = (cell: (figures: SyncFigures) => string): [string, string] => [
    perRound(rounds, (round) => cell(round.ours)),
    perRound(rounds, (round) => cell(round.relay)),
  ];
  const listed = (values: readonly number[]): string => `${perPage(values)} = ${sum(values)}`;
  const pages = (pick: (page: PageFrames) => number) => (figures: SyncFigures) =>
    listed(figures.frames.map(pick));
  const seconds = (part: (page: PageFrames) => Tally) => (figures: SyncFigures) => {
    const values = figures.frames.map((page) => (part(page).ms / 1000).toFixed(1));
    return `${values.join('·')} = ${(pooled(figures, part).ms / 1000).toFixed(1)} s`;
  };
  const dropped = (part: (page: PageFrames) => Tally) => pages((page) => part(page).dropped);
  const pCell =
    (against: (page: PageFrames) => Tally = control) =>
    (figures: SyncFigures): string => {
      const p = correctionTest(figures, against);
      return p === undefined ? 'n/a' : p < 0.01 ? p.toExponential(0) : p.toFixed(2);
    };
  const tests = rounds.map((round) => correctionTest(round.ours));
  const pass = tests.every((p) => p === undefined || p >= P_LIMIT);
  const worstRun = rounds
    .map((round) => ({
      windows: pooled(round.ours, afterCorrection),
      background: pooled(round.ours, control),
      before: pooled(round.ours, beforeCorrection),
      p: correctionTest(round.ours),
    }))
    .sort((a, b) => (a.p ?? 1) - (b.p ?? 1))[0];
  const verdict = worstRun
    ? `within 1 s after a correction ${worstRun.windows.dropped} frame(s) in ${(worstRun.windows.ms / 1000).toFixed(1)} s (${rate(worstRun.windows)}), elsewhere in steady play ${rate(worstRun.background)}: ${
        worstRun.p === undefined
          ? 'no correction to test'
          : worstRun.p >= P_LIMIT
            ? `not higher beyond noise (p = ${worstRun.p.toFixed(2)} ≥ ${P_LIMIT}): correction adds no dropped frames`
            : `higher beyond noise (p = ${worstRun.p.toExponential(0)} < ${P_LIMIT}): not shown that correction adds none`
      } (least favourable run); within 1 s before a correction ${rate(worstRun.before)}`
    : 'no run';
  return {
    title: 'Sync: frames dropped (pages A·B·C, late joiner D)',
    header: ['measure', 'ours', 'seed-style relay'],
    rows: [
      ['dropped in all', ...sides((figures) => listed(figures.droppedTotal))],
      [
        "around starts and switches (each clip's first 1 s on each page)",
        ...sides(dropped((page) => page.starts)),
      ],
      ['corrections in steady play: rate changes', ...sides(pages((page) => page.rateCorrections))],
      ['corrections in steady play: seeks', ...sides(pages((page) => page.seekCorrections))],
      [
        'rate changes and seeks during starts (not corrections)',
        ...sides(pages((page) => page.duringStarts)),
      ],
      ['dropped within 1 s after a correction', ...sides(dropped(afterCorrection))],
      ['time within 1 s after a correction', ...sides(seconds(afterCorrection))],
      [
        'dropped within 1 s before a correction (not after one)',
        ...sides(dropped((page) => page.beforeCorrection)),
      ],
      ['time within 1 s before a correction', ...sides(seconds((page) => page.beforeCorrection))],
      [
        'dropped in the rest of steady play (control: no correction within 1 s)',
        ...sides(dropped(control)),
      ],
      ['time of the control', ...sides(seconds(control))],
      [
        'drop rate within 1 s after a correction, all pages',
        ...sides((figures) => rate(pooled(figures, afterCorrection))),
      ],
      [
        'drop rate in the control, all pages',
        ...sides((figures) => rate(pooled(figures, control))),
      ],
      [
        `after a correction higher than the control: one-sided p (target ≥ ${P_LIMIT})`,
        ...sides(pCell()),
      ],
      [
        'drop rate within 1 s before a correction, all pages',
        ...sides((figures) => rate(pooled(figures, beforeCorrection))),
      ],
      [
        'after a correction higher than before one: one-sided p (same test)',
        ...sides(pCell(beforeCorrection)),
      ],
    ],
    verdict,
    pass,
    note: [
      "`getVideoPlaybackQuality().droppedVideoFrames` of the visible element, sampled every 25 ms; each step between two samples of one load counts in the part of its later sample, and its time while the element was not paused. Starts: a clip's first second on a page from its own start (when it began running the clip there: the late joiner's start is its join, not the clip's 0 long before), with its loading and arming before (rate 0, then 1 at the instant; the next clip's switch). Corrections, from the page's own `playbackRate` and `currentTime` sets (a wrapper of HTMLMediaElement's setters): a rate change between two running rates (a pulse away from the room's rate or back) or a seek of the element on screen while it plays, after its clip's start and before the pause; the release that ends a seek's re-start extends its window. Arming, releases, anything done to a paused or hidden element are start machinery, and rate changes or seeks within a clip's start (landing it) are counted apart, their frames the start's.",
      `Rule: correction adds no dropped frames when the drop rate within 1 s after corrections is not higher than the control's beyond noise: the one-sided exact test of two Poisson rates (given all the drops of both, each falls in the correction windows with the chance that is their share of the time; p is the chance of as many there or more) gives p ≥ ${P_LIMIT}, all pages pooled, in every run. Not "zero drops after a correction": two cores decode four videos and run the app, the proxies and the harness, so frames drop at some background rate whether anything is corrected or not; the question is whether correcting raises it. Drops in the second before a correction are shown apart and kept out of the control: a busy moment of the machine both drops frames and makes a page fall behind, which is then corrected, so the second before a correction is a control for those moments (the correction not made yet); the last row compares with it (shown, not part of the rule).`,
    ].join(' '),
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
