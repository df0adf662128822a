import { displayName } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, createRoom } from '../src/index.js';
import { nameSkeleton } from '../src/names.js';
import { must, T0 } from './builders.js';

function joinAll(names: string[]) {
  let state = createRoom('names', T0);
  names.forEach((name, i) => {
    state = must(apply(state, { type: 'join', userId: `u${String(i)}`, name }, T0 + i)).state;
  });
  return state.members.map((member) => member.name);
}

describe('names people cannot be confused by', () => {
  it('keeps two people with one name apart with a number', () => {
    expect(joinAll(['Sam', 'Sam', 'sam'])).toEqual(['Sam', 'Sam 2', 'sam 3']);
  });

  it('keeps look-alikes of another name apart too', () => {
    // Cyrillic "а" and "о", a fullwidth letter, an accent.
    expect(joinAll(['Anna', 'Аnnа', 'Ａnna', 'Ánna'])).toEqual([
      'Anna',
      'Аnnа 2',
      'Ａnna 3',
      'Ánna 4',
    ]);
  });

  it('never lets anyone pass for the app', () => {
    expect(joinAll(['system', 'Ѕystem', 'S Y S T E M'])).toEqual([
      'system (guest)',
      'Ѕystem (guest) 2',
      'S Y S T E M (guest) 3',
    ]);
  });

  it('keeps a renamed person apart from the others, and within the length limit', () => {
    const long = 'A'.repeat(32);
    let state = createRoom('names', T0);
    state = must(apply(state, { type: 'join', userId: 'a', name: long }, T0)).state;
    state = must(apply(state, { type: 'join', userId: 'b', name: 'Bo' }, T0)).state;
    state = must(apply(state, { type: 'rename', userId: 'b', name: long }, T0)).state;
    const renamed = state.members.find((member) => member.id === 'b')?.name;
    expect(renamed).toBe(`${'A'.repeat(30)} 2`);
    expect(renamed?.length).toBe(32);
  });

  it('lets one person in two tabs keep their own name', () => {
    let state = createRoom('names', T0);
    state = must(apply(state, { type: 'join', userId: 'a', name: 'Sam' }, T0)).state;
    state = must(apply(state, { type: 'join', userId: 'a', name: 'Sam' }, T0)).state;
    expect(state.members.map((member) => member.name)).toEqual(['Sam']);
  });

  it('compares names by what they look like', () => {
    expect(nameSkeleton('Ѕуѕtеm')).toBe('system');
    expect(nameSkeleton('s.y.s.t.e.m')).toBe('system');
  });
});

describe('display names at the edge', () => {
  it('strips control, format and bidirectional characters, and folds spaces', () => {
    expect(displayName.parse(' Al\u202Eice\u200B\n  Smith ')).toBe('Alice Smith');
  });

  it('refuses a name that shows nothing', () => {
    for (const invisible of ['\u3164', '\u2800\u2800', '\u200B\u200D', ' \u115F ']) {
      expect(displayName.safeParse(invisible).success).toBe(false);
    }
  });
});
