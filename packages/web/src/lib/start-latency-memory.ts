import { localStore, readStored, writeStored } from './storage';
import { MAX_START_LATENCY_MS, type LearntStartLatency } from './sync/start-latency';

/**
 * Where this browser keeps what it learnt about its start latency (see
 * `sync/start-latencies.ts`), so a returning browser's first start lands on its frame
 * instead of being caught up. The latencies of muted starts were added later: a value
 * stored before them has none (they start from their guess).
 */
const KEY = 'wt.startLatency';

function latencyIn(value: object, key: keyof LearntStartLatency): number | undefined {
  const ms: unknown = key in value ? Reflect.get(value, key) : undefined;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  return ms >= 0 && ms <= MAX_START_LATENCY_MS ? ms : undefined;
}

/** Only what has the stored shape (the value may be old, edited or from another app). */
export function parseStartLatency(raw: string | undefined): LearntStartLatency {
  const none = { start: undefined, switch: undefined };
  if (raw === undefined) return none;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return none; // Not JSON: nothing remembered.
  }
  if (typeof value !== 'object' || value === null) return none;
  return {
    start: latencyIn(value, 'start'),
    switch: latencyIn(value, 'switch'),
    mutedStart: latencyIn(value, 'mutedStart'),
    mutedSwitch: latencyIn(value, 'mutedSwitch'),
  };
}

export function loadStartLatency(storage: () => Storage = localStore): LearntStartLatency {
  return parseStartLatency(readStored(storage, KEY));
}

export function saveStartLatency(
  learnt: LearntStartLatency,
  storage: () => Storage = localStore,
): void {
  const rounded = (ms: number | undefined) =>
    ms === undefined ? undefined : Math.round(ms * 10) / 10;
  writeStored(
    storage,
    KEY,
    JSON.stringify({
      start: rounded(learnt.start),
      switch: rounded(learnt.switch),
      mutedStart: rounded(learnt.mutedStart),
      mutedSwitch: rounded(learnt.mutedSwitch),
    }),
  );
}
