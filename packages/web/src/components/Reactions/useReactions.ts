import type { Reaction } from '@wt/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useRoomClient } from '../../state/RoomContext';
import { reactionFate, type ClipPosition } from './reaction-timing';

/** A reaction on screen now. */
export interface ShownReaction extends Reaction {
  /** This player's time in the clip when it appeared (seconds). */
  shownTime: number;
  /** Horizontal place, 0-1: from the reaction's id, so it is the same on every screen. */
  lane: number;
}

/** At most this many float at once (the oldest give way). */
const MAX_SHOWN = 24;

function laneOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return (hash % 1000) / 1000;
}

/**
 * The reactions of the room, each shown when this player reaches the frame it was sent at
 * (see `reactionFate`): pending ones are checked on every animation frame against
 * `position`, so a reaction appears within a frame of its moment.
 */
export function useReactions(position: () => ClipPosition | undefined) {
  const client = useRoomClient();
  const [shown, setShown] = useState<ShownReaction[]>([]);

  useEffect(() => {
    const pending: { reaction: Reaction; receivedAt: number }[] = [];
    const seen = new Set<string>();
    let frame: number | undefined;
    const check = () => {
      frame = undefined;
      const now = performance.now();
      const here = position();
      const ready: ShownReaction[] = [];
      for (let i = pending.length - 1; i >= 0; i--) {
        const entry = pending[i];
        if (!entry) continue;
        const fate = reactionFate(entry.reaction, here, now - entry.receivedAt);
        if (fate === 'wait') continue;
        pending.splice(i, 1);
        if (fate === 'show' && here) {
          ready.unshift({
            ...entry.reaction,
            shownTime: here.time,
            lane: laneOf(entry.reaction.id),
          });
        }
      }
      if (ready.length > 0) setShown((list) => [...list, ...ready].slice(-MAX_SHOWN));
      if (pending.length > 0) frame = requestAnimationFrame(check);
    };
    const unsubscribe = client.onReaction((reaction) => {
      // A reconnect may replay what we already had.
      if (seen.has(reaction.id)) return;
      if (seen.size > 1000) seen.clear();
      seen.add(reaction.id);
      pending.push({ reaction, receivedAt: performance.now() });
      if (frame !== undefined) cancelAnimationFrame(frame);
      check();
    });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [client, position]);

  const done = useCallback((id: string) => {
    setShown((list) => list.filter((reaction) => reaction.id !== id));
  }, []);

  return { shown, done };
}
