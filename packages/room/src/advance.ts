import { clipDuration, positionAt } from '@wt/protocol';
import { decide } from './decision.js';
import { ok } from './result.js';
import { playerStateOf } from './state.js';
import { currentItem, endsAtOf, nextIndexOf } from './timeline.js';
import type { ApplyResult, Command, Effect, RoomState } from './types.js';

type ClipEnded = Extract<Command, { type: 'clipEnded' }>;

function notAdvanced(state: RoomState): ApplyResult {
  return ok(state, [], { type: 'advanced', advanced: false });
}

/**
 * The current clip has ended: move on exactly once. Only a report about the clip that
 * is current (by item id, never by index) counts, and only once its end has come, so
 * however many players report it, and however late, the room advances one step.
 *
 * The next clip starts where it was announced (`next.startsAt`, the current clip's
 * end), so players that switched on their own are already right. A `hold` moves on now
 * and waits, bounded, for the members who have not buffered the next clip.
 */
export function clipEnded(state: RoomState, command: ClipEnded, now: number): ApplyResult {
  const item = currentItem(state);
  if (!item || item.id !== command.itemId || !state.playback.playing) return notAdvanced(state);
  const endsAt = endsAtOf(state);
  if (endsAt === undefined) {
    // Without a known length only a player that saw the end can say so.
    if (command.source !== 'report' || state.playback.updatedAt > now) return notAdvanced(state);
  } else if (now < endsAt - command.toleranceMs) {
    return notAdvanced(state);
  }
  const index = nextIndexOf(state);
  const effects: Effect[] = [];
  let next: RoomState;
  if (index === undefined) {
    // Nothing follows: stop on the last frame.
    const duration = clipDuration(item);
    const position = duration ?? positionAt(state.playback, now);
    next = decide(state, { playing: false, position, updatedAt: Math.min(now, endsAt ?? now) });
  } else {
    const moved: RoomState = { ...state, currentVideoIndex: index };
    if (command.source === 'hold') {
      next = decide(moved, {
        playing: true,
        position: 0,
        updatedAt: now + Math.max(0, command.holdMs),
        gate: 'held',
      });
    } else {
      // As announced, even when this runs late: players switched on their own at that moment.
      const updatedAt = endsAt ?? now + Math.max(0, command.leadMs);
      next = decide(moved, { playing: true, position: 0, updatedAt });
    }
    if (index !== state.currentVideoIndex) effects.push({ type: 'update_index', index });
  }
  // Not a person's activity: a room nobody is in still goes idle while its queue loops.
  effects.push({ type: 'player_state', state: playerStateOf(next, now) });
  return ok(next, effects, { type: 'advanced', advanced: true });
}
