import { describe, expect, it } from 'vitest';
import { lastRoom, recentRooms, rememberRoom } from './recent-rooms';

/** Web Storage in memory, as a page has it. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('recent rooms', () => {
  it('lists rooms newest first, once each, at most eight', () => {
    const store = new MemoryStorage();
    expect(lastRoom(store)).toBeUndefined();
    for (let i = 1; i <= 10; i++) rememberRoom(`room-${i}`, i * 1000, store);
    rememberRoom('room-5', 20_000, store);
    const rooms = recentRooms(store);
    expect(rooms.map((room) => room.roomId)).toEqual([
      'room-5',
      'room-10',
      'room-9',
      'room-8',
      'room-7',
      'room-6',
      'room-4',
      'room-3',
    ]);
    expect(lastRoom(store)).toBe('room-5');
  });

  it('ignores what is stored in another shape', () => {
    const store = new MemoryStorage();
    store.setItem('wt.recentRooms', 'not json');
    expect(recentRooms(store)).toEqual([]);
    store.setItem(
      'wt.recentRooms',
      JSON.stringify([
        { roomId: 'ok-room', visitedAt: 5 },
        { roomId: 'party tonight!', visitedAt: 6 },
        { roomId: 'no-time' },
        'text',
        null,
      ]),
    );
    expect(recentRooms(store)).toEqual([{ roomId: 'ok-room', visitedAt: 5 }]);
    expect(recentRooms(undefined)).toEqual([]);
  });
});
