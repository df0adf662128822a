import type { RoomDelta } from '@wt/protocol';
import { BurstWindow } from './burst-window.js';
import { deltaChannelOf } from './room-channels.js';
import type { WatchServer } from './types.js';

/** Changes of a busy room within this long (ms) travel together. */
export const DELTA_BATCH_MS = 50;
/**
 * Rooms with fewer recipients here than this get every change at once: batching saves
 * writes only where a change costs many, and a small room's chat must never wait.
 */
export const BATCH_FROM_RECIPIENTS = 50;
/**
 * A room's window grows by one `DELTA_BATCH_MS` per this many recipients: the writes a busy
 * room costs per second stay about constant per recipient, whatever its size (a room of
 * 500 waits at most 100 ms, of 1,000 at most 200 ms, still well under a chat's patience).
 */
export const RECIPIENTS_PER_BATCH_STEP = 250;

/**
 * Sends a room's `room_delta` envelopes to its protocol 3 clients. In a big room (at
 * least `BATCH_FROM_RECIPIENTS` recipients on this process) the first change of a quiet
 * moment goes out at once and changes within the next `DELTA_BATCH_MS` are sent together
 * at its end (a longer window the more recipients: `RECIPIENTS_PER_BATCH_STEP`), as one
 * `room_deltas` packet of envelopes in revision order, so a crowd
 * joining costs one write per client per batch, not one per join: a thousand people
 * joining a room is half a million writes otherwise. A small room gets every change at
 * once.
 */
export class DeltaBroadcast {
  private readonly window: BurstWindow<RoomDelta>;

  constructor(
    private readonly io: WatchServer,
    private readonly batchMs = DELTA_BATCH_MS,
    private readonly batchFrom = BATCH_FROM_RECIPIENTS,
  ) {
    this.window = new BurstWindow(batchMs, (roomId, deltas) => {
      const channel = this.io.to(deltaChannelOf(roomId));
      const [only] = deltas;
      if (deltas.length === 1 && only) channel.emit('room_delta', only);
      else channel.emit('room_deltas', [...deltas]);
    });
  }

  /**
   * `members`: the people in the room on every process (the stored room's). A process
   * batches by the whole room's size, not by its own share of it: with several processes
   * each one's batches reach every member, so a room of 1,000 split over two processes
   * costs its members the writes of a room of 1,000, not twice those of a room of 500
   * (measured: two processes wrote 2.4 times what one did for a crowd joining).
   */
  send(roomId: string, delta: RoomDelta, members = 0): void {
    const local = this.io.of('/').adapter.rooms.get(deltaChannelOf(roomId))?.size ?? 0;
    const recipients = Math.max(local, members);
    if (recipients < this.batchFrom) {
      this.window.add(roomId, delta, false);
      return;
    }
    const steps = Math.max(1, Math.ceil(recipients / RECIPIENTS_PER_BATCH_STEP));
    this.window.add(roomId, delta, this.batchMs * steps);
  }

  close(): void {
    this.window.close();
  }
}
