import type { Section } from '../scenarios/types.js';
import type { NewcomerRun, ScriptLoad } from './newcomer.js';

export interface DeviceRuns {
  device: string;
  runs: NewcomerRun[];
}

/** The targets. */
export const TARGETS = { cls: 0.05, firstFrameMs: 1_500, firstPaintJsKb: 96 } as const;

const median = (values: readonly number[]): number | undefined => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

type Pick = (run: NewcomerRun) => number | undefined;

/** `median (r1 / r2 / …)`; a run without the figure shows "never". */
function cell(runs: readonly NewcomerRun[], pick: Pick, format: (value: number) => string): string {
  const values = runs.map(pick);
  const known = values.filter((value) => value !== undefined);
  const all = values.map((value) => (value === undefined ? 'never' : format(value))).join(' / ');
  const middle = known.length === values.length ? median(known) : undefined;
  return `${middle === undefined ? 'n/a' : format(middle)} (${all})`;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;
const score = (value: number): string => value.toFixed(3);
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** The worst run of every device (undefined when a run never had the figure). */
function worst(devices: readonly DeviceRuns[], pick: Pick): number | undefined {
  const values = devices.flatMap((device) => device.runs.map(pick));
  if (values.some((value) => value === undefined)) return undefined;
  return Math.max(...values.map((value) => value ?? 0));
}

const unique = (scripts: readonly ScriptLoad[]): string[] => [
  ...new Set(scripts.map((script) => script.url)),
];

async function total(
  urls: readonly string[],
  size: (url: string) => Promise<number>,
): Promise<number> {
  let sum = 0;
  for (const url of urls) sum += await size(url);
  return sum;
}

const fileName = (url: string): string => new URL(url).pathname.split('/').at(-1) ?? url;

/** The sections of docs/benchmarks.md for the `ui` group. */
export async function uiSections(
  devices: readonly DeviceRuns[],
  size: (url: string) => Promise<number>,
): Promise<Section[]> {
  const header = ['measure', ...devices.map((device) => device.device), 'target'];
  const row = (
    label: string,
    pick: Pick,
    format: (value: number) => string,
    target: string,
  ): [string, ...string[]] => [
    label,
    ...devices.map((device) => cell(device.runs, pick, format)),
    target,
  ];
  const worstCls = worst(devices, (run) => run.cls);
  const worstFrame = worst(devices, (run) => run.firstFrameMs);
  const clsMet = worstCls !== undefined && worstCls < TARGETS.cls;
  const frameMet = worstFrame !== undefined && worstFrame <= TARGETS.firstFrameMs;
  const paint: Section = {
    title: 'Page load and first frame',
    header,
    rows: [
      row('first contentful paint', (run) => run.fcpMs, ms, '–'),
      row('largest contentful paint', (run) => run.lcpMs, ms, '–'),
      row('layout shift (sum of every shift)', (run) => run.cls, score, `< ${TARGETS.cls}`),
      row(
        'first video frame on screen',
        (run) => run.firstFrameMs,
        ms,
        `≤ ${TARGETS.firstFrameMs} ms`,
      ),
      row('first frame of the moving clip', (run) => run.firstMovingFrameMs, ms, '–'),
    ],
    verdict: `Worst run: layout shift ${worstCls === undefined ? 'unknown' : score(worstCls)} (target < ${TARGETS.cls}: ${clsMet ? 'met' : 'missed'}), first frame ${worstFrame === undefined ? 'never' : ms(worstFrame)} (target ≤ ${TARGETS.firstFrameMs} ms: ${frameMet ? 'met' : 'missed'}).`,
    pass: clsMet && frameMet,
  };

  // Every newcomer loads the same build: the scripts of the first run of each device.
  const rows: Array<[string, ...string[]]> = [];
  const perDevice = await Promise.all(
    devices.map(async (device) => {
      const run = device.runs[0];
      const firstPaint = unique(run?.firstPaintScripts ?? []);
      const all = unique(run?.scripts ?? []);
      const withShare = unique(run?.scriptsWithShare ?? []);
      return {
        firstPaint,
        firstPaintBytes: await total(firstPaint, size),
        allBytes: await total(all, size),
        all,
        withShareBytes: await total(withShare, size),
        withShare,
      };
    }),
  );
  const files = [...new Set(perDevice.flatMap((device) => device.withShare))];
  for (const url of files) {
    rows.push([
      `\`${fileName(url)}\``,
      ...perDevice.map((device) =>
        device.firstPaint.includes(url)
          ? 'first paint'
          : device.all.includes(url)
            ? 'later'
            : 'share dialog',
      ),
      (await size(url)) > 0 ? kb(await size(url)) : '–',
    ]);
  }
  rows.push(
    [
      '**first paint**',
      ...perDevice.map((device) => kb(device.firstPaintBytes)),
      `≤ ${TARGETS.firstPaintJsKb} kB`,
    ],
    ['all, once the clip plays', ...perDevice.map((device) => kb(device.allBytes)), '–'],
    [
      'all, once the share dialog shows its QR code',
      ...perDevice.map((device) => kb(device.withShareBytes)),
      '–',
    ],
  );
  const worstPaint = Math.max(...perDevice.map((device) => device.firstPaintBytes));
  const jsMet = perDevice.length > 0 && worstPaint <= TARGETS.firstPaintJsKb * 1000;
  const js: Section = {
    title: 'JavaScript shipped (gzip, as served)',
    header: ['script', ...devices.map((device) => `${device.device}: loaded`), 'gzip'],
    rows,
    verdict: `First-paint JavaScript ${kb(worstPaint)} gzip (target ≤ ${TARGETS.firstPaintJsKb} kB: ${jsMet ? 'met' : 'missed'}).`,
    pass: jsMet,
  };
  return [paint, js];
}
