import { apply, createRoom, type RoomState } from '@wt/room';
import { describe, expect, it } from 'vitest';
import { snapshotJson } from '../../src/store/snapshot-json.js';

/** A room with a full chat (about 20 KB of JSON). */
function chattyRoom(id: string): RoomState {
  const joined = apply(createRoom(id, 1), { type: 'join', userId: 'u', name: 'U' }, 1);
  if (!joined.ok) throw new Error(joined.error.message);
  let room = joined.state;
  for (let i = 0; i < 200; i++) {
    const said = apply(
      room,
      { type: 'sendMessage', userId: 'u', text: `message ${i} `.repeat(8) },
      2,
    );
    if (!said.ok) throw new Error(said.error.message);
    room = said.state;
  }
  return room;
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('snapshot JSON', () => {
  const head = {
    version: 1,
    savedAt: 5,
    identities: [{ sessionId: 's', user: { id: 'a', name: 'A' } }],
  };

  it('is the JSON of the head with the rooms, whatever their number', async () => {
    for (const count of [0, 1, 3]) {
      const rooms = Array.from({ length: count }, (_, i) => createRoom(`r${i}`, i));
      const text = (await collect(snapshotJson(head, rooms))).join('');
      expect(JSON.parse(text)).toEqual({ ...head, rooms });
    }
    const empty = (await collect(snapshotJson({}, []))).join('');
    expect(JSON.parse(empty)).toEqual({ rooms: [] });
  });

  it('comes in pieces for many big rooms, and still reads back whole', async () => {
    const rooms = Array.from({ length: 40 }, (_, i) => chattyRoom(`big${i}`));
    const chunks = await collect(snapshotJson(head, rooms));
    expect(chunks.length).toBeGreaterThan(4);
    expect(JSON.parse(chunks.join(''))).toEqual({ ...head, rooms });
  });

  it('reads back a room whose chat moved on since the last snapshot, and the same head again', async () => {
    const before = chattyRoom('moving');
    const first = (await collect(snapshotJson(head, [before]))).join('');
    const said = apply(before, { type: 'sendMessage', userId: 'u', text: 'one more' }, 3);
    if (!said.ok) throw new Error(said.error.message);
    const after = said.state;
    const second = (await collect(snapshotJson(head, [after]))).join('');
    expect(JSON.parse(first)).toEqual({ ...head, rooms: [before] });
    expect(JSON.parse(second)).toEqual({ ...head, rooms: [after] });
    expect(after.messages.at(-1)?.text).toBe('one more');
  });
});
