import type { AdminStats } from '@wt/protocol';
import { latest, lifetimeHitRatio, type Charts, type Series } from './series';

/** One small live chart of the operator view. */
export interface Card {
  id: string;
  label: string;
  /** The number in large type. */
  value: (sample: AdminStats, charts: Charts) => string;
  /** A line under it saying what the number is. */
  detail: (sample: AdminStats, charts: Charts) => string;
  series: (charts: Charts) => Series;
  /** The chart's fixed ceiling, when it has one (ratios). */
  max?: number;
}

const whole = (value: number | undefined): string =>
  value === undefined ? '–' : Math.round(value).toLocaleString('en');
/** `1 clip`, `3 clips`. */
const count = (value: number, one: string, many: string): string =>
  `${whole(value)} ${Math.round(value) === 1 ? one : many}`;
const percent = (value: number | undefined): string =>
  value === undefined ? '–' : `${Math.round(value * 100)}%`;

export const CARDS: readonly Card[] = [
  {
    id: 'rooms',
    label: 'Live rooms',
    value: (s) => whole(s.rooms),
    detail: (s) => `${count(s.queuedClips, 'clip', 'clips')} queued`,
    series: (c) => c.rooms,
  },
  {
    id: 'people',
    label: 'People',
    value: (s) => whole(s.people),
    detail: (s) => `${count(s.connections, 'connection', 'connections')} on this process`,
    series: (c) => c.people,
  },
  {
    id: 'hit-ratio',
    label: 'Resolver cache hits',
    value: (_s, c) => percent(latest(c.hitRatio)),
    detail: (s) => `${percent(lifetimeHitRatio(s))} since start`,
    series: (c) => c.hitRatio,
    max: 1,
  },
  {
    id: 'resolve-time',
    label: 'Resolve time',
    value: (_s, c) => {
      const ms = latest(c.resolveMs);
      return ms === undefined ? '–' : `${whole(ms)} ms`;
    },
    detail: (s) => `${count(s.resolver.upstreamResolves, 'resolve', 'resolves')} from TikTok`,
    series: (c) => c.resolveMs,
  },
  {
    id: 'resolver-queue',
    label: 'Resolver queue',
    value: (s) => whole(s.resolver.queueLength),
    detail: () => 'jobs waiting or running',
    series: (c) => c.resolverQueue,
  },
  {
    id: 'memory',
    label: 'Memory',
    value: (_s, c) => `${whole(latest(c.rssMb))} MB`,
    detail: (_s, c) => `${whole(latest(c.heapMb))} MB JavaScript heap`,
    series: (c) => c.rssMb,
  },
  {
    id: 'cpu',
    label: 'CPU',
    value: (_s, c) => {
      const value = latest(c.cpuPercent);
      return value === undefined ? '–' : `${Math.round(value)}%`;
    },
    detail: () => 'of one core',
    series: (c) => c.cpuPercent,
  },
];
