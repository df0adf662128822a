/** A QR code's modules: `size` x `size`, dark or light. */
export interface QrMatrix {
  size: number;
  isDark(x: number, y: number): boolean;
}

/** The quiet zone every QR code needs around it, in modules. */
const QUIET = 4;

/**
 * One SVG path drawing every dark module (a run of dark modules in a row is one
 * rectangle), offset by the quiet zone; `size` is the whole square's side in modules.
 */
export function qrPath(matrix: QrMatrix): { size: number; d: string } {
  const parts: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.isDark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.isDark(x, y)) x++;
      parts.push(`M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`);
    }
  }
  return { size: matrix.size + 2 * QUIET, d: parts.join('') };
}
