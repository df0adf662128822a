/** A row's vertical extent on screen. */
export interface RowBox {
  top: number;
  height: number;
}

/**
 * Where a row dragged from `from` by `dy` pixels lands: the number of other rows whose
 * middle its own middle has passed, counted in the list as it will be.
 */
export function dropIndex(rows: readonly RowBox[], from: number, dy: number): number {
  const dragged = rows[from];
  if (!dragged) return from;
  const middle = dragged.top + dragged.height / 2 + dy;
  let index = 0;
  rows.forEach((row, i) => {
    if (i !== from && row.top + row.height / 2 < middle) index++;
  });
  return index;
}

/** How far row `i` shifts while the row from `from` is held over position `to`. */
export function shiftOf(i: number, from: number, to: number, draggedHeight: number): number {
  if (i === from) return 0;
  if (from < to && i > from && i <= to) return -draggedHeight;
  if (to < from && i >= to && i < from) return draggedHeight;
  return 0;
}
