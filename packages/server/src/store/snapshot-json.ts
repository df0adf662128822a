import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ChatMessage } from '@wt/protocol';
import type { RoomState } from '@wt/room';

/** About this much JSON is made between two turns of the event loop. */
const CHUNK_CHARS = 256 * 1024;

/**
 * A room's JSON, made once per state: states are immutable values, so a room that did not
 * change since the last snapshot costs nothing to write again. A room that changed is
 * mostly its chat, and its messages are immutable values too, each kept with its JSON:
 * a new line in a full chat costs that line, not the other 199 again.
 */
const jsonOfState = new WeakMap<RoomState, string>();
const jsonOfMessage = new WeakMap<ChatMessage, string>();
/** Arrays of the head (the remembered sessions) likewise: the same array, the same text. */
const jsonOfArray = new WeakMap<readonly unknown[], string>();

function messageJson(message: ChatMessage): string {
  let json = jsonOfMessage.get(message);
  if (json === undefined) {
    json = JSON.stringify(message);
    jsonOfMessage.set(message, json);
  }
  return json;
}

function roomJson(room: RoomState): string {
  let json = jsonOfState.get(room);
  if (json === undefined) {
    const { messages, ...rest } = room;
    json = withField(JSON.stringify(rest), 'messages', `[${messages.map(messageJson).join(',')}]`);
    jsonOfState.set(room, json);
  }
  return json;
}

/** The JSON of an object (`{...}`) with one more field, given as JSON, at its end. */
function withField(objectJson: string, key: string, valueJson: string): string {
  const separator = objectJson.length > 2 ? ',' : '';
  return `${objectJson.slice(0, -1)}${separator}${JSON.stringify(key)}:${valueJson}}`;
}

function headJson(head: Readonly<Record<string, unknown>>): string {
  let json = '{}';
  for (const [key, value] of Object.entries(head)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      json = withField(json, key, JSON.stringify(value));
      continue;
    }
    let text = jsonOfArray.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      jsonOfArray.set(value, text);
    }
    json = withField(json, key, text);
  }
  return json;
}

/**
 * The snapshot's JSON text in pieces of about `CHUNK_CHARS`, yielding to the event loop
 * between them, so thousands of rooms with full chats never stall the process (they would
 * for tens of milliseconds as one `JSON.stringify`). The rooms are immutable values taken
 * at one moment, so the text is of that moment however long it takes. The head's arrays
 * are taken as values too: an array passed here is never changed afterwards.
 */
export async function* snapshotJson(
  head: Readonly<Record<string, unknown>>,
  rooms: readonly RoomState[],
): AsyncGenerator<string> {
  // `{...head, "rooms": [` ... `]}`
  yield withField(headJson(head), 'rooms', '[').slice(0, -1);
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
