import { describe, expect, it } from 'vitest';
import { startsLikeMp4 } from '../../src/media/mp4.js';
import { parseRange } from '../../src/media/range.js';

describe('parseRange against a 1000-byte file', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['BYTES = 1 - 2', { kind: 'partial', start: 1, end: 2 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-1', { kind: 'full' }],
    ['bytes=0-1,4-5', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
    ['lines=0-1', { kind: 'full' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('small parts', () => {
  it('recognises an MP4 by its ftyp box', () => {
    expect(startsLikeMp4(Buffer.from('\0\0\0\x20ftypisom'))).toBe(true);
    expect(startsLikeMp4(Buffer.from('<html><body>'))).toBe(false);
    expect(startsLikeMp4(Buffer.from('\0\0'))).toBe(false);
  });
});
