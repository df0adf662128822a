import { describe, expect, it } from 'vitest';
import { loadStartLatency, parseStartLatency, saveStartLatency } from './start-latency-memory';

function memoryStorage(): () => Storage {
  const values = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return values.size;
    },
    clear: () => {
      values.clear();
    },
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => {
      values.delete(key);
    },
    setItem: (key, value) => {
      values.set(key, value);
    },
  };
  return () => storage;
}

describe('start latency memory', () => {
  it('keeps what was learnt across pages of this browser', () => {
    const storage = memoryStorage();
    expect(loadStartLatency(storage)).toEqual({ start: undefined, switch: undefined });
    saveStartLatency({ start: 82.345, switch: undefined }, storage);
    expect(loadStartLatency(storage)).toEqual({ start: 82.3, switch: undefined });
    saveStartLatency({ start: 80, switch: 95 }, storage);
    expect(loadStartLatency(storage)).toEqual({ start: 80, switch: 95 });
    saveStartLatency({ start: 80, switch: 95, mutedStart: 40.04, mutedSwitch: 41 }, storage);
    expect(loadStartLatency(storage)).toEqual({
      start: 80,
      switch: 95,
      mutedStart: 40,
      mutedSwitch: 41,
    });
  });

  it('takes only sensible latencies from what is stored (it may be old, edited or broken)', () => {
    const none = { start: undefined, switch: undefined };
    expect(parseStartLatency(undefined)).toEqual(none);
    expect(parseStartLatency('{not json')).toEqual(none);
    expect(parseStartLatency('null')).toEqual(none);
    expect(parseStartLatency('[80, 90]')).toEqual(none);
    expect(parseStartLatency('{"start": "80", "switch": -5}')).toEqual(none);
    expect(parseStartLatency('{"start": 1e9, "switch": 90}')).toEqual({
      start: undefined,
      switch: 90,
    });
  });

  it('does without storage that refuses (private mode, quota)', () => {
    const refusing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(loadStartLatency(refusing)).toEqual({ start: undefined, switch: undefined });
    expect(() => {
      saveStartLatency({ start: 80, switch: 90 }, refusing);
    }).not.toThrow();
  });
});
