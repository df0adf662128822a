/**
 * At least `agreeing` readings lie within `agreeMs` of their median, or the element was
 * not running steadily. Most readings agree within 0.15 ms; now and then two in a row are
 * 0.7-1.2 ms off (a late callback of the output), which the median leaves out.
 */
export const LANDING_AGREEMENT = { agreeing: 4, agreeMs: 0.3 } as const;

/**
 * When a probe's start began, from its readings (each the page's clock less the media time
 * it had run): their median, if enough of them agree with it; else undefined.
 */
export function landingOf(origins: readonly number[]): number | undefined {
  const sorted = [...origins].sort((a, b) => a - b);
  const landedAt = sorted[Math.floor(sorted.length / 2)];
  if (landedAt === undefined) return undefined;
  const agreeing = origins.filter((o) => Math.abs(o - landedAt) <= LANDING_AGREEMENT.agreeMs);
  return agreeing.length >= LANDING_AGREEMENT.agreeing ? landedAt : undefined;
}
