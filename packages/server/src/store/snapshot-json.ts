import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RoomState } from '@wt/room';

/** About this much JSON is made between two turns of the event loop. */
const CHUNK_CHARS = 256 * 1024;

/**
 * A room's JSON, made once per state: states are immutable values, so a room that did not
 * change since the last snapshot costs nothing to write again.
 */
const jsonOfState = new WeakMap<RoomState, string>();

function roomJson(room: RoomState): string {
  let json = jsonOfState.get(room);
  if (json === undefined) {
    json = JSON.stringify(room);
    jsonOfState.set(room, json);
  }
  return json;
}

/**
 * The snapshot's JSON text in pieces of about `CHUNK_CHARS`, yielding to the event loop
 * between them, so thousands of rooms with full chats never stall the process (they would
 * for tens of milliseconds as one `JSON.stringify`). The rooms are immutable values taken
 * at one moment, so the text is of that moment however long it takes.
 */
export async function* snapshotJson(
  head: Record<string, unknown>,
  rooms: readonly RoomState[],
): AsyncGenerator<string> {
  const headJson = JSON.stringify(head);
  // `{...head, "rooms": [` ... `]}`
  yield `${headJson.slice(0, -1)}${headJson.length > 2 ? ',' : ''}"rooms":[`;
  let batch: string[] = [];
  let size = 0;
  let first = true;
  for (const room of rooms) {
    const json = roomJson(room);
    batch.push(json);
    size += json.length;
    if (size >= CHUNK_CHARS) {
      yield `${first ? '' : ','}${batch.join(',')}`;
      first = false;
      batch = [];
      size = 0;
      await yieldToEventLoop();
    }
  }
  if (batch.length > 0) yield `${first ? '' : ','}${batch.join(',')}`;
  yield ']}';
}
