import type { RoomRoles } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import {
  initialRoomView,
  isHostView,
  lockedForMe,
  roomReducer,
  type RoomView,
} from './room-reducer';

const roles = (over: Partial<RoomRoles> = {}): RoomRoles => ({
  hostId: 'host',
  coHostIds: [],
  locked: false,
  hasPassword: false,
  skipVotes: [],
  ...over,
});

function as(userId: string, given: RoomRoles): RoomView {
  const joined = roomReducer(initialRoomView('r'), {
    type: 'joined',
    user: { id: userId, name: userId },
  });
  return roomReducer(joined, { type: 'roles', roles: given });
}

describe('roles in the view', () => {
  it('takes a roles change from a delta', () => {
    const view = roomReducer(initialRoomView('r'), {
      type: 'changes',
      changes: [{ kind: 'roles', roles: roles({ locked: true }) }],
      serverNow: 0,
    });
    expect(view.roles).toEqual(roles({ locked: true }));
  });

  it('locks the controls only for members, never for the host or a co-host', () => {
    const locked = roles({ locked: true, coHostIds: ['co'] });
    expect(lockedForMe(as('member', locked))).toBe(true);
    expect(lockedForMe(as('host', locked))).toBe(false);
    expect(lockedForMe(as('co', locked))).toBe(false);
    expect(lockedForMe(as('member', roles()))).toBe(false);
    expect(isHostView(as('host', locked))).toBe(true);
    expect(isHostView(as('co', locked))).toBe(false);
  });

  it('a removal ends the session with the reason in words', () => {
    const view = roomReducer(as('member', roles()), {
      type: 'removed',
      removal: { roomId: 'r', reason: 'banned', by: 'Ana' },
    });
    expect(view.status).toBe('failed');
    expect(view.joinError).toEqual({ code: 'BANNED', message: 'Ana banned you from this room.' });
    const kicked = roomReducer(as('member', roles()), {
      type: 'removed',
      removal: { roomId: 'r', reason: 'kicked', by: 'Ana' },
    });
    expect(kicked.joinError?.message).toBe('Ana removed you from this room.');
  });
});
