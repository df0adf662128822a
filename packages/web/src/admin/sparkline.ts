import type { Series } from './series';

export interface SparklineBox {
  width: number;
  height: number;
  /** The chart's floor and ceiling; the ceiling grows to the largest point. */
  min?: number;
  max?: number;
}

/**
 * An SVG path (`M x y L x y ...`) drawing `series` in the box, left to right, one step
 * per sample, the newest at the right edge. A missing point breaks the line (a new `M`).
 * Empty when nothing is known yet.
 */
export function sparklinePath(series: Series, box: SparklineBox, capacity: number): string {
  const known = series.filter((value): value is number => value !== undefined);
  if (known.length === 0) return '';
  const floor = box.min ?? Math.min(0, ...known);
  const ceiling = Math.max(box.max ?? 0, ...known, floor + 1e-9);
  const step = box.width / Math.max(1, capacity - 1);
  const offset = (capacity - series.length) * step;
  let path = '';
  let drawing = false;
  series.forEach((value, i) => {
    if (value === undefined) {
      drawing = false;
      return;
    }
    const x = offset + i * step;
    const y = box.height - ((value - floor) / (ceiling - floor)) * box.height;
    path += `${drawing ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)} `;
    drawing = true;
  });
  return path.trim();
}
