import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from './shortcuts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: 'other',
  ...extra,
});

describe('shortcutFor', () => {
  it('maps each documented key to its action, in either case', () => {
    expect(shortcutFor(press(' '))).toBe('toggle');
    expect(shortcutFor(press('k'))).toBe('toggle');
    expect(shortcutFor(press('K'))).toBe('toggle');
    expect(shortcutFor(press('ArrowLeft'))).toBe('seek_back');
    expect(shortcutFor(press('ArrowRight'))).toBe('seek_forward');
    expect(shortcutFor(press('N'))).toBe('next');
    expect(shortcutFor(press('m'))).toBe('mute');
    expect(shortcutFor(press('f'))).toBe('fullscreen');
    expect(shortcutFor(press('?'))).toBe('help');
  });

  it('ignores other keys', () => {
    expect(shortcutFor(press('x'))).toBeUndefined();
    expect(shortcutFor(press('Enter'))).toBeUndefined();
    expect(shortcutFor(press('ArrowUp'))).toBeUndefined();
  });

  it('never fires while typing', () => {
    for (const key of [' ', 'k', 'n', 'm', 'f', '?', 'ArrowLeft']) {
      expect(shortcutFor(press(key, { target: 'typing' }))).toBeUndefined();
    }
  });

  it('leaves the browser its own shortcuts', () => {
    expect(shortcutFor(press('f', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(press('k', { metaKey: true }))).toBeUndefined();
    expect(shortcutFor(press('ArrowLeft', { altKey: true }))).toBeUndefined();
  });

  it('leaves a focused control the keys it uses', () => {
    expect(shortcutFor(press(' ', { target: 'control' }))).toBeUndefined();
    expect(shortcutFor(press('k', { target: 'control' }))).toBe('toggle');
    expect(shortcutFor(press('ArrowRight', { target: 'slider' }))).toBeUndefined();
    expect(shortcutFor(press('n', { target: 'slider' }))).toBe('next');
  });
});
