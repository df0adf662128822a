import { describe, expect, it } from 'vitest';
import { initialRoomView, roomReducer } from './room-reducer';

describe('activity lines in the view', () => {
  it('keeps who did what on a system line, from the seed event and from a delta', () => {
    const activity = { kind: 'play', userId: 'u1' } as const;
    const line = { id: 3, text: 'Ana pressed play', timestamp: '2026-01-01T00:00:00.000Z' };
    const direct = roomReducer(initialRoomView('r'), {
      type: 'system_message',
      message: { ...line, activity },
    });
    const delta = roomReducer(initialRoomView('r'), {
      type: 'changes',
      changes: [{ kind: 'system_message', message: { ...line, activity } }],
      serverNow: 0,
    });
    for (const view of [direct, delta]) {
      expect(view.messages).toEqual([{ ...line, user: 'system', isSystem: true, activity }]);
    }
    // A plain system line stays plain.
    const plain = roomReducer(initialRoomView('r'), { type: 'system_message', message: line });
    expect(plain.messages[0]).not.toHaveProperty('activity');
  });
});
