import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-path';

describe('qrPath', () => {
  it('draws each run of dark modules as one rectangle, inside a 4-module quiet zone', () => {
    const dark = new Set(['0,0', '1,0', '2,0', '1,1']);
    const { size, d } = qrPath({ size: 3, isDark: (x, y) => dark.has(`${x},${y}`) });
    expect(size).toBe(11);
    expect(d).toBe('M4 4h3v1h-3zM5 5h1v1h-1z');
  });
});
