import { isValidRoomId } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { cleanDisplayName, generateDisplayName } from './display-name';
import { cryptoRandomInt, randomToken, type RandomInt } from './random';
import { generateRoomId, ROOM_SECRET_LENGTH, roomIdFromPath, roomPath, roomUrl } from './room-id';

/** Replays fixed choices, so a test knows exactly what gets picked. */
function sequence(...values: number[]): RandomInt {
  let i = 0;
  return (max) => (values[i++ % values.length] ?? 0) % max;
}

describe('generateRoomId', () => {
  it('reads as adjective-animal and an unguessable part', () => {
    expect(generateRoomId(sequence(0, 18, 32))).toBe('brave-otter-gASgASgASgASgASgA');
  });

  it('always produces a valid room id with at least 96 random bits', () => {
    for (let i = 0; i < 500; i++) {
      const id = generateRoomId();
      expect(id).toMatch(/^[a-z]+-[a-z]+-[A-Za-z0-9]{17}$/);
      expect(isValidRoomId(id)).toBe(true);
    }
    expect(ROOM_SECRET_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(96);
  });

  it('varies', () => {
    const ids = new Set(Array.from({ length: 50 }, () => generateRoomId()));
    expect(ids.size).toBeGreaterThan(40);
  });
});

describe('roomIdFromPath', () => {
  it('reads /room/<id>', () => {
    expect(roomIdFromPath('/room/brave-otter-42')).toBe('brave-otter-42');
    expect(roomIdFromPath('/room/brave-otter-42/')).toBe('brave-otter-42');
  });

  it('ignores other paths and invalid ids', () => {
    expect(roomIdFromPath('/')).toBeUndefined();
    expect(roomIdFromPath('/room/')).toBeUndefined();
    expect(roomIdFromPath('/room/a%20b')).toBeUndefined();
    expect(roomIdFromPath('/room/%E0%A4%A')).toBeUndefined();
    expect(roomIdFromPath(`/room/${'x'.repeat(65)}`)).toBeUndefined();
    expect(roomIdFromPath('/other/abc')).toBeUndefined();
  });

  it('round-trips with roomPath and builds the share link', () => {
    expect(roomIdFromPath(roomPath('Fun_Room-1'))).toBe('Fun_Room-1');
    expect(roomUrl('https://watch.example', 'fun-1')).toBe('https://watch.example/room/fun-1');
  });
});

describe('display names and tokens', () => {
  it('generates "Adjective Animal"', () => {
    expect(generateDisplayName(sequence(6, 20))).toBe('Curious Panda');
    expect(generateDisplayName()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('cleans names like the server does', () => {
    expect(cleanDisplayName('  Ana \u0007')).toBe('Ana');
    expect(cleanDisplayName('   ')).toBeUndefined();
    expect(cleanDisplayName('x'.repeat(33))).toBeUndefined();
  });

  it('makes user ids of [a-z0-9]', () => {
    expect(randomToken(16)).toMatch(/^[a-z0-9]{16}$/);
  });

  it('draws uniform integers in range and refuses a bad range', () => {
    for (let i = 0; i < 200; i++) {
      const n = cryptoRandomInt(7);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(7);
    }
    expect(() => cryptoRandomInt(0)).toThrow(RangeError);
  });
});
