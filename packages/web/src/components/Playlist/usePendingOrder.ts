import type { VideoItem } from '@wt/protocol';
import { useState } from 'react';

/**
 * A move asked for but not yet confirmed: the list shows it at once (no jump back while
 * the room answers) until the room's own order arrives or the request fails.
 */
export function usePendingOrder(queue: readonly VideoItem[]) {
  const [pending, setPending] = useState<number[] | undefined>(undefined);
  const ids = queue.map((item) => item.id);
  const confirmed =
    pending !== undefined &&
    (pending.length !== ids.length || pending.every((id, i) => ids[i] === id));
  if (confirmed) setPending(undefined);
  const shown =
    pending === undefined || confirmed
      ? queue
      : pending.flatMap((id) => queue.filter((item) => item.id === id));
  return {
    shown,
    /** Shows `itemId` at `toIndex` until the room says otherwise. */
    expect: (itemId: number, toIndex: number) => {
      const order = ids.filter((id) => id !== itemId);
      order.splice(toIndex, 0, itemId);
      setPending(order);
    },
    cancel: () => {
      setPending(undefined);
    },
  };
}
