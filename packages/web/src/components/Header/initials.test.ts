import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
  it('takes the first letter of the first two words, upper-cased', () => {
    expect(initials('quirky koala')).toBe('QK');
    expect(initials('Ana')).toBe('A');
    expect(initials('  Bo   the  Great ')).toBe('BT');
  });

  it('keeps an emoji whole, even one made of several code points', () => {
    expect(initials('🦊 fox')).toBe('🦊F');
    expect(initials('Ana 😀')).toBe('A😀');
    // A family (joined with zero-width joiners) and a flag (two regional indicators).
    expect(initials('👩‍👩‍👧 family')).toBe('👩‍👩‍👧F');
    expect(initials('🇫🇷 Léa')).toBe('🇫🇷L');
    // Never a lone surrogate ("A\uFFFD" was the old result).
    expect(initials('Ana 😀')).not.toContain('\uFFFD');
  });

  it('keeps a letter with its combining accent', () => {
    expect(initials('e\u0301lodie')).toBe('E\u0301');
  });

  it('gives a question mark for a blank name', () => {
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
  });
});
