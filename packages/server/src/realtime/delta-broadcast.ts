import type { RelayedDelta, RoomDelta } from '@wt/protocol';
import { BurstWindow } from './burst-window.js';
import { RecentDeltas } from './recent-deltas.js';
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
 * Several processes on the Redis adapter: how a big room's changes reach the others, so
 * that each batches them, with its own, for the members connected to it.
 */
export interface DeltaRelay {
  publish(relayed: RelayedDelta): void;
  /** How long a big room's changes are kept for connections that recover (the grace, ms). */
  retainMs: number;
  /**
   * A position in the adapter's stream to send with local batches (`trackStreamOffset`):
   * the client keeps it, so a recovery has somewhere to start from.
   */
  offset(): string | undefined;
}

/**
 * Sends a room's `room_delta` envelopes to its protocol 3 clients. In a big room (at
 * least `BATCH_FROM_RECIPIENTS` recipients) the first change of a quiet moment goes out
 * at once and changes within the next `DELTA_BATCH_MS` are sent together at its end (a
 * longer window the more recipients: `RECIPIENTS_PER_BATCH_STEP`), as one `room_deltas`
 * packet of envelopes in revision order, so a crowd joining costs one write per client
 * per batch, not one per join: a thousand people joining a room is half a million writes
 * otherwise. A small room gets every change at once.
 *
 * With several processes (`relay`), a big room is batched where it is delivered: each
 * process tells the others its changes (`room_delta_relayed`) and sends its own members
 * the changes of every process in one stream of batches. Batched where they were stored,
 * each member got one stream of batches per process: measured with 1,000 people joining
 * one room over two processes, 2.4 times the packets of one process. A small room's
 * changes still go through the adapter, which keeps them for connection-state recovery;
 * a big room's batches are local sends, kept here for the grace instead (`RecentDeltas`),
 * and a connection that recovers is sent them again (`replay`).
 */
export class DeltaBroadcast {
  private readonly window: BurstWindow<RoomDelta>;
  private readonly recent: RecentDeltas | undefined;

  constructor(
    private readonly io: WatchServer,
    private readonly batchMs = DELTA_BATCH_MS,
    private readonly batchFrom = BATCH_FROM_RECIPIENTS,
    private readonly relay?: DeltaRelay,
  ) {
    this.recent = relay && new RecentDeltas(relay.retainMs);
    this.window = new BurstWindow(batchMs, (roomId, deltas) => {
      const channel = deltaChannelOf(roomId);
      const [only] = deltas;
      const sorted = [...deltas].sort((a, b) => a.rev - b.rev);
      if (!relay) {
        if (deltas.length === 1 && only) this.io.to(channel).emit('room_delta', only);
        else this.io.to(channel).emit('room_deltas', sorted);
        return;
      }
      this.sendLocal(channel, sorted);
    });
  }

  /**
   * `members`: the people in the room on every process (the stored room's). A process
   * batches by the whole room's size, not by its own share of it, so a room of 1,000 split
   * over two processes waits as long as a room of 1,000 on one.
   */
  send(roomId: string, delta: RoomDelta, members = 0): void {
    const local = this.io.of('/').adapter.rooms.get(deltaChannelOf(roomId))?.size ?? 0;
    const recipients = Math.max(local, members);
    if (recipients < this.batchFrom) {
      if (this.relay) this.io.to(deltaChannelOf(roomId)).emit('room_delta', delta);
      else this.window.add(roomId, delta, false);
      return;
    }
    this.relay?.publish({ roomId, members: recipients, delta });
    this.recent?.add(roomId, delta);
    this.window.add(roomId, delta, this.windowMs(recipients));
  }

  /** A big room's change stored by another process (`room_delta_relayed`, parsed). */
  received({ roomId, members, delta }: RelayedDelta): void {
    // Kept even with nobody here: a connection may recover on this process.
    this.recent?.add(roomId, delta);
    const local = this.io.of('/').adapter.rooms.get(deltaChannelOf(roomId))?.size ?? 0;
    if (local === 0) return;
    this.window.add(roomId, delta, this.windowMs(Math.max(local, members)));
  }

  /**
   * A connection of the room recovered: the big room's changes of the grace, which its
   * recovery cannot replay (local sends), in one packet. Nothing without a relay: on one
   * process every change went through the adapter.
   */
  replay(socketId: string, roomId: string): void {
    const deltas = this.recent?.of(roomId) ?? [];
    if (deltas.length > 0) this.sendLocal(socketId, deltas);
  }

  /** To this process's connections in `to` (a channel or one connection), with an offset. */
  private sendLocal(to: string, deltas: RoomDelta[]): void {
    const target = this.io.local.to(to);
    const offset = this.relay?.offset();
    const [only] = deltas;
    if (deltas.length === 1 && only) {
      if (offset === undefined) target.emit('room_delta', only);
      else target.emit('room_delta', only, offset);
    } else if (offset === undefined) target.emit('room_deltas', deltas);
    else target.emit('room_deltas', deltas, offset);
  }

  close(): void {
    this.window.close();
    this.recent?.close();
  }

  private windowMs(recipients: number): number {
    return this.batchMs * Math.max(1, Math.ceil(recipients / RECIPIENTS_PER_BATCH_STEP));
  }
}
