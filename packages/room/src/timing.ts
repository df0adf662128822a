/**
 * How far ahead the room schedules a start, and when it decides whether to wait for
 * buffering members. Pure numbers: the edge measures round trips, the core only
 * receives the resulting `leadMs`.
 */
export const SyncTiming = {
  /** Never schedule a start closer than this: a player needs it to seek, buffer and arm. */
  minLeadMs: 300,
  /** Never further than this, whatever a member reports. */
  maxLeadMs: 1_500,
  /** Added to twice the slowest one-way delay: preparation time and jitter. */
  leadMarginMs: 250,
  /** The gate is decided this long before a start, on top of the slowest one-way delay. */
  gateGuardMs: 40,
  /** Slack for a timer that fires a little early. */
  timerSlackMs: 25,
  /** A player's end report is believed this long before the computed end (clock skew). */
  reportToleranceMs: 1_000,
} as const;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * The lead of a scheduled start: about twice the slowest member's one-way delay (one
 * round trip) plus a margin, so the decision reaches everyone and everyone's readiness
 * reaches the server before the start.
 */
export function leadTimeMs(slowestRttMs: number): number {
  const rtt = Number.isFinite(slowestRttMs) ? Math.max(0, slowestRttMs) : 0;
  return Math.round(
    clamp(rtt + SyncTiming.leadMarginMs, SyncTiming.minLeadMs, SyncTiming.maxLeadMs),
  );
}

/**
 * How long before a scheduled start the server decides to hold it: late enough for the
 * ready reports to arrive, early enough for a hold to reach the slowest member in time.
 */
export function gateDecisionMs(slowestRttMs: number): number {
  const oneWay = Number.isFinite(slowestRttMs) ? Math.max(0, slowestRttMs) / 2 : 0;
  return Math.round(Math.min(oneWay, SyncTiming.maxLeadMs / 2) + SyncTiming.gateGuardMs);
}
