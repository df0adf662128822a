import type {
  ChatMessage,
  PlayerStatePayload,
  SystemMessagePayload,
  UserInfo,
  VideoItem,
} from './models.js';
import type { RoomRoles } from './roles.js';

/**
 * Protocol 3: a client that announces it gets every change of its room as one ordered
 * stream of small envelopes (`room_delta`) instead of the seed's whole-list events. Each
 * envelope carries the room's store revision it produced; the revision goes up by one per
 * change of the room, so a client applies an envelope only on top of the revision before
 * it, drops older ones (a duplicate, or one overtaken by a resync), and asks for the whole
 * room again (a new `join_room`) when one is missing for a moment. A seek travels as the
 * `player_state` it produces (the seed's `player_seek` says nothing more).
 */
export type RoomChange =
  | { kind: 'member_joined'; user: UserInfo }
  | { kind: 'member_left'; userId: string }
  | { kind: 'member_renamed'; user: UserInfo }
  /** Appended at the end of the queue. */
  | { kind: 'item_added'; item: VideoItem }
  /** Replaces the item with the same id where it is. */
  | { kind: 'item_updated'; item: VideoItem }
  | { kind: 'item_removed'; itemId: number }
  /**
   * The queue's entries in their new order (a move, a shuffle, a clear): any entry not
   * listed has left the queue. The current index follows as its own `index` change.
   */
  | { kind: 'queue_order'; itemIds: number[] }
  | { kind: 'index'; index: number }
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'system_message'; message: SystemMessagePayload }
  | { kind: 'player_state'; state: PlayerStatePayload }
  | { kind: 'countdown'; seconds: number }
  /** Host, co-hosts, lock, password set or not, skip votes: the whole (small) roles view. */
  | { kind: 'roles'; roles: RoomRoles };

export type RoomChangeKind = RoomChange['kind'];

export interface RoomDelta {
  /** The room's revision after these changes (`RoomStateView.rev` counts the same way). */
  rev: number;
  changes: RoomChange[];
}

/** How an envelope relates to the revision a client holds. */
export type DeltaOrder =
  /** The next one: apply it. */
  | 'next'
  /** Already seen (or older than the room the client holds): drop it. */
  | 'stale'
  /** One or more before it are missing: hold it, and resync if they do not come. */
  | 'gap';

export function deltaOrder(heldRev: number, delta: Pick<RoomDelta, 'rev'>): DeltaOrder {
  if (delta.rev <= heldRev) return 'stale';
  return delta.rev === heldRev + 1 ? 'next' : 'gap';
}
