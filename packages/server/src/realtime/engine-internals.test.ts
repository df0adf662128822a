import { describe, expect, it } from 'vitest';
import { packetDataBytes } from './engine-internals.js';

describe('the size of a queued engine.io packet', () => {
  it('counts string data in characters and binary data in bytes', () => {
    expect(packetDataBytes({ type: 'message', data: '42["new_message",{}]' })).toBe(20);
    expect(packetDataBytes({ type: 'message', data: Buffer.alloc(300) })).toBe(300);
    expect(packetDataBytes({ type: 'message', data: new ArrayBuffer(64) })).toBe(64);
    expect(packetDataBytes({ type: 'message', data: new Uint8Array(new ArrayBuffer(32), 8) })).toBe(
      24,
    );
  });

  it('is 0 for packets without data and for shapes it does not know', () => {
    expect(packetDataBytes({ type: 'ping' })).toBe(0);
    expect(packetDataBytes({ type: 'message', data: 42 })).toBe(0);
    expect(packetDataBytes(null)).toBe(0);
    expect(packetDataBytes('42[]')).toBe(0);
  });
});
