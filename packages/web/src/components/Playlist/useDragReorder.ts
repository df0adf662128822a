import { useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { dropIndex, shiftOf, type RowBox } from './drop-index';

interface Drag {
  itemId: number;
  from: number;
  to: number;
  dy: number;
}

/**
 * Drag to reorder with pointer events (mouse, touch and pen alike): the handle captures
 * the pointer, the row follows it, the rows in between make room, and the drop asks the
 * room to move the item. The handle also takes ArrowUp / ArrowDown from the keyboard.
 */
export function useDragReorder(
  listRef: RefObject<HTMLOListElement | null>,
  count: number,
  onMove: (itemId: number, toIndex: number) => void,
) {
  const [drag, setDragState] = useState<Drag | undefined>(undefined);
  // The pointer's events come faster than renders: the ref is what they read and write.
  const current = useRef<Drag | undefined>(undefined);
  const start = useRef<{ y: number; rows: RowBox[]; gap: number } | undefined>(undefined);
  const setDrag = (next: Drag | undefined) => {
    current.current = next;
    setDragState(next);
  };

  const measure = (): { rows: RowBox[]; gap: number } => {
    const children = Array.from(listRef.current?.children ?? []);
    const rows = children.map((child) => {
      const box = child.getBoundingClientRect();
      return { top: box.top, height: box.height };
    });
    const [a, b] = rows;
    return { rows, gap: a && b ? b.top - a.top - a.height : 0 };
  };

  const end = () => {
    start.current = undefined;
    setDrag(undefined);
  };

  const handleProps = (itemId: number, index: number) => ({
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      start.current = { y: event.clientY, ...measure() };
      setDrag({ itemId, from: index, to: index, dy: 0 });
    },
    onPointerMove: (event: PointerEvent<HTMLElement>) => {
      const origin = start.current;
      const held = current.current;
      if (!origin || held?.itemId !== itemId) return;
      const dy = event.clientY - origin.y;
      setDrag({ ...held, dy, to: dropIndex(origin.rows, held.from, dy) });
    },
    onPointerUp: () => {
      const held = current.current;
      if (held?.itemId === itemId && held.to !== held.from) onMove(itemId, held.to);
      end();
    },
    onPointerCancel: end,
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      const to =
        event.key === 'ArrowUp' ? index - 1 : event.key === 'ArrowDown' ? index + 1 : undefined;
      if (to === undefined || to < 0 || to >= count) return;
      event.preventDefault();
      onMove(itemId, to);
    },
  });

  /** The transform of row `index` while something is dragged. */
  const rowStyle = (index: number) => {
    if (!drag) return undefined;
    if (index === drag.from) return { transform: `translateY(${drag.dy}px)`, zIndex: 2 };
    const dragged = start.current?.rows[drag.from];
    const step = (dragged?.height ?? 0) + (start.current?.gap ?? 0);
    const shift = shiftOf(index, drag.from, drag.to, step);
    return shift === 0 ? undefined : { transform: `translateY(${shift}px)` };
  };

  return { dragging: drag?.itemId, handleProps, rowStyle };
}
