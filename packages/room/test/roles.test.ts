import { ErrorCode } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, rolesView, type Command, type RoomState } from '../src/index.js';
import { must, refusal, room, step, T0 } from './builders.js';

const LATER = T0 + 5_000;

/** Alice (u1, host), Bob (u2), Cy (u3), joined a second apart; three clips queued. */
function party(): RoomState {
  let state = room({ members: ['Alice'], videos: 3 });
  state = step(state, { type: 'join', userId: 'u2', name: 'Bob' }, T0 + 1_000);
  return step(state, { type: 'join', userId: 'u3', name: 'Cy' }, T0 + 2_000);
}

function locked(): RoomState {
  return step(party(), { type: 'setLocked', userId: 'u1', locked: true }, LATER);
}

const HASH = 'scrypt:c2FsdA:a2V5';

describe('host', () => {
  it('is the first person in the room', () => {
    expect(rolesView(party())).toEqual({
      hostId: 'u1',
      coHostIds: [],
      locked: false,
      hasPassword: false,
      skipVotes: [],
    });
  });

  it('passes to the longest-present member when the host leaves', () => {
    const left = step(party(), { type: 'leave', userId: 'u1' }, LATER);
    expect(left.roles.hostId).toBe('u2');
  });

  it('passes by joinedAt, not by list order', () => {
    const state = party();
    const reordered = {
      ...state,
      members: [state.members[0], state.members[2], state.members[1]].filter(
        (m) => m !== undefined,
      ),
    };
    expect(step(reordered, { type: 'leave', userId: 'u1' }, LATER).roles.hostId).toBe('u2');
  });

  it('goes with the last person; the next one in is host', () => {
    let state = room({ members: ['Alice'] });
    state = step(state, { type: 'leave', userId: 'u1' }, LATER);
    expect(state.roles.hostId).toBeUndefined();
    state = step(state, { type: 'join', userId: 'u9', name: 'Zed' }, LATER);
    expect(state.roles.hostId).toBe('u9');
  });

  it('a newcomer to a room with a host is not host', () => {
    expect(party().roles.hostId).toBe('u1');
  });

  it('can be handed over; the new host loses the co-host role', () => {
    let state = step(party(), { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true });
    const result = must(
      apply(state, { type: 'transferHost', userId: 'u1', targetId: 'u2' }, LATER),
    );
    state = result.state;
    expect(state.roles.hostId).toBe('u2');
    expect(state.roles.coHostIds).toEqual([]);
    expect(state.messages.at(-1)?.text).toBe('Alice made Bob the host');
    expect(result.effects.map((e) => e.type)).toEqual(['system_message', 'room_roles']);
    expect(result.reply).toEqual({ type: 'roles', roles: rolesView(state) });
  });

  it('a co-host who becomes host by hand-over on leave is no longer listed as co-host', () => {
    let state = step(party(), { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true });
    state = step(state, { type: 'leave', userId: 'u1' }, LATER);
    expect(state.roles).toMatchObject({ hostId: 'u2', coHostIds: [] });
  });
});

describe('host-only actions', () => {
  const byMember: Command[] = [
    { type: 'setCoHost', userId: 'u2', targetId: 'u3', coHost: true },
    { type: 'setLocked', userId: 'u2', locked: true },
    { type: 'kick', userId: 'u2', targetId: 'u3', ban: false },
    { type: 'kick', userId: 'u2', targetId: 'u3', ban: true },
    { type: 'transferHost', userId: 'u2', targetId: 'u2' },
    { type: 'setPassword', userId: 'u2', passwordHash: HASH },
  ];
  it.each(byMember)('refuses $type from a member with FORBIDDEN and changes nothing', (command) => {
    const state = party();
    expect(refusal(apply(state, command, LATER)).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses them from a co-host too', () => {
    const state = step(party(), { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true });
    const command: Command = { type: 'setLocked', userId: 'u2', locked: true };
    expect(refusal(apply(state, command, LATER)).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('refuses them from someone not in the room', () => {
    const command: Command = { type: 'setLocked', userId: 'nobody', locked: true };
    expect(refusal(apply(party(), command, LATER)).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it('refuses a target who is not here, and the host as their own target', () => {
    const away: Command = { type: 'kick', userId: 'u1', targetId: 'gone', ban: false };
    expect(refusal(apply(party(), away, LATER)).code).toBe(ErrorCode.NOT_IN_ROOM);
    const self: Command = { type: 'kick', userId: 'u1', targetId: 'u1', ban: true };
    expect(refusal(apply(party(), self, LATER)).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('names and unnames co-hosts, with a line each; repeating changes nothing', () => {
    let state = step(party(), { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true });
    expect(state.roles.coHostIds).toEqual(['u2']);
    expect(state.messages.at(-1)?.text).toBe('Alice made Bob a co-host');
    const again = must(
      apply(state, { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true }, LATER),
    );
    expect(again.state).toBe(state);
    expect(again.effects).toEqual([]);
    state = step(state, { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: false });
    expect(state.roles.coHostIds).toEqual([]);
    expect(state.messages.at(-1)?.text).toBe('Alice made Bob a member again');
  });

  it('sets and clears the password hash; the view only says whether there is one', () => {
    let state = step(party(), { type: 'setPassword', userId: 'u1', passwordHash: HASH });
    expect(state.roles.passwordHash).toBe(HASH);
    expect(rolesView(state).hasPassword).toBe(true);
    expect(JSON.stringify(rolesView(state))).not.toContain(HASH);
    state = step(state, { type: 'setPassword', userId: 'u1' });
    expect(state.roles.passwordHash).toBeUndefined();
    expect(state.messages.at(-1)?.text).toBe('Alice removed the room password');
  });
});

describe('kick and ban', () => {
  it('kick removes the person, says so, and they may come back', () => {
    const result = must(
      apply(party(), { type: 'kick', userId: 'u1', targetId: 'u2', ban: false }, LATER),
    );
    expect(result.state.members.map((m) => m.id)).toEqual(['u1', 'u3']);
    expect(result.state.messages.at(-1)?.text).toBe('Alice removed Bob');
    expect(result.effects).toContainEqual({
      type: 'room_users',
      users: [
        { id: 'u1', name: 'Alice' },
        { id: 'u3', name: 'Cy' },
      ],
      change: { kind: 'member_left', userId: 'u2' },
    });
    expect(result.reply).toMatchObject({ type: 'removed', userId: 'u2', by: 'Alice' });
    const back = step(result.state, { type: 'join', userId: 'u2', name: 'Bob' }, LATER);
    expect(back.members.map((m) => m.id)).toContain('u2');
  });

  it('ban keeps them out for the room’s life, even once the room was empty', () => {
    let state = step(party(), { type: 'kick', userId: 'u1', targetId: 'u2', ban: true }, LATER);
    expect(state.messages.at(-1)?.text).toBe('Alice banned Bob');
    const refused = refusal(apply(state, { type: 'join', userId: 'u2', name: 'Bob' }, LATER));
    expect(refused.code).toBe(ErrorCode.BANNED);
    state = step(state, { type: 'leave', userId: 'u1' }, LATER);
    state = step(state, { type: 'leave', userId: 'u3' }, LATER);
    expect(refusal(apply(state, { type: 'join', userId: 'u2', name: 'B' }, LATER)).code).toBe(
      ErrorCode.BANNED,
    );
  });

  it('a kicked co-host loses the role and their skip vote', () => {
    let state = step(locked(), { type: 'setCoHost', userId: 'u1', targetId: 'u3', coHost: true });
    state = step(state, { type: 'voteSkip', userId: 'u3' }, LATER);
    state = step(state, { type: 'kick', userId: 'u1', targetId: 'u3', ban: false }, LATER);
    expect(rolesView(state)).toMatchObject({ coHostIds: [], skipVotes: [] });
  });
});

describe('password', () => {
  const withPassword = () =>
    step(party(), { type: 'setPassword', userId: 'u1', passwordHash: HASH }, LATER);

  it('asks newcomers for it', () => {
    const join: Command = { type: 'join', userId: 'u4', name: 'Di' };
    expect(refusal(apply(withPassword(), join, LATER)).code).toBe(ErrorCode.PASSWORD_REQUIRED);
  });

  it('refuses a password that did not match the stored hash', () => {
    const join: Command = {
      type: 'join',
      userId: 'u4',
      name: 'Di',
      access: { passwordGiven: true },
    };
    expect(refusal(apply(withPassword(), join, LATER)).code).toBe(ErrorCode.WRONG_PASSWORD);
    const stale: Command = { ...join, access: { passwordGiven: true, matchedHash: 'scrypt:old' } };
    expect(refusal(apply(withPassword(), stale, LATER)).code).toBe(ErrorCode.WRONG_PASSWORD);
  });

  it('lets in a newcomer whose password matched the room’s hash', () => {
    const join: Command = {
      type: 'join',
      userId: 'u4',
      name: 'Di',
      access: { passwordGiven: true, matchedHash: HASH },
    };
    expect(step(withPassword(), join, LATER).members.map((m) => m.id)).toContain('u4');
  });

  it('keeps everyone already in (another tab joins without it)', () => {
    const state = withPassword();
    const again = must(apply(state, { type: 'join', userId: 'u2', name: 'Bob' }, LATER));
    expect(again.state.members).toEqual(state.members);
  });

  it('is no longer asked once the host cleared it', () => {
    const state = step(withPassword(), { type: 'setPassword', userId: 'u1' }, LATER);
    expect(step(state, { type: 'join', userId: 'u4', name: 'Di' }, LATER).members).toHaveLength(4);
  });
});

describe('lock', () => {
  const controls: Command[] = [
    { type: 'play', userId: 'u2', time: 0 },
    { type: 'pause', userId: 'u2', time: 0 },
    { type: 'seek', userId: 'u2', time: 1 },
    { type: 'changeVideo', userId: 'u2', index: 1 },
    { type: 'removeVideo', userId: 'u2', index: 1 },
    { type: 'addVideo', userId: 'u2', url: 'https://www.tiktok.com/@a/video/7000000000000000099' },
    { type: 'retryVideo', userId: 'u2', itemId: 1 },
    { type: 'requestCountdown', userId: 'u2' },
    { type: 'setLoop', userId: 'u2', mode: 'all' },
    { type: 'setAutoplay', userId: 'u2', enabled: false },
    { type: 'moveVideo', userId: 'u2', itemId: 3, toIndex: 0 },
    { type: 'playNext', userId: 'u2', itemId: 3 },
    { type: 'shuffleQueue', userId: 'u2', randoms: [0.5, 0.5, 0.5] },
    { type: 'clearQueue', userId: 'u2', keepCurrent: true },
  ];

  it.each(controls)('refuses a member’s $type with FORBIDDEN while locked', (command) => {
    const result = apply(locked(), command, LATER);
    expect(refusal(result)).toEqual({
      code: ErrorCode.FORBIDDEN,
      message: 'The host has locked the controls. You can vote to skip.',
    });
  });

  it.each(controls)('lets a member’s $type through while unlocked', (command) => {
    const state = party();
    expect(must(apply(state, command, LATER)).state).not.toBe(undefined);
  });

  it('lets the host and co-hosts use the controls while locked', () => {
    let state = step(locked(), { type: 'setCoHost', userId: 'u1', targetId: 'u2', coHost: true });
    state = step(state, { type: 'play', userId: 'u2', time: 0 }, LATER);
    expect(state.playback.playing).toBe(true);
    state = step(state, { type: 'pause', userId: 'u1', time: 1 }, LATER);
    expect(state.playback.playing).toBe(false);
  });

  it('leaves chat, names and reports free for everyone', () => {
    let state = step(locked(), { type: 'sendMessage', userId: 'u2', text: 'hi' }, LATER);
    state = step(state, { type: 'rename', userId: 'u2', name: 'Bobby' }, LATER);
    state = step(state, { type: 'reportDuration', userId: 'u2', itemId: 1, duration: 9 }, LATER);
    expect(state.members[1]?.name).toBe('Bobby');
  });

  it('is announced with a line and a roles change', () => {
    const result = must(apply(party(), { type: 'setLocked', userId: 'u1', locked: true }, LATER));
    expect(result.state.messages.at(-1)?.text).toBe('Alice locked the controls to the hosts');
    expect(result.effects.at(-1)).toEqual({ type: 'room_roles', roles: rolesView(result.state) });
    expect(rolesView(result.state).locked).toBe(true);
  });
});

describe('vote to skip', () => {
  it('counts votes until more than half of the people present voted', () => {
    let state = step(locked(), { type: 'voteSkip', userId: 'u2' }, LATER);
    expect(rolesView(state).skipVotes).toEqual(['u2']);
    expect(state.currentVideoIndex).toBe(0);
    // Voting twice counts once.
    const twice = must(apply(state, { type: 'voteSkip', userId: 'u2' }, LATER));
    expect(twice.reply).toEqual({ type: 'skipVote', votes: 1, needed: 2, skipped: false });
    const result = must(apply(state, { type: 'voteSkip', userId: 'u3' }, LATER));
    state = result.state;
    expect(result.reply).toEqual({ type: 'skipVote', votes: 2, needed: 2, skipped: true });
    expect(state.currentVideoIndex).toBe(1);
    expect(rolesView(state).skipVotes).toEqual([]);
    expect(state.messages.at(-1)?.text).toBe('Skipped by vote (2 of 3)');
    expect(result.effects.map((e) => e.type)).toEqual([
      'update_index',
      'player_state',
      'system_message',
      'room_roles',
    ]);
  });

  it('needs more than half: 2 of 2, 2 of 3, 3 of 4', () => {
    let state = room({ members: ['A', 'B'], videos: 2 });
    state = step(state, { type: 'voteSkip', userId: 'u1' }, LATER);
    expect(state.currentVideoIndex).toBe(0);
    state = room({ members: ['A', 'B', 'C', 'D'], videos: 2 });
    state = step(state, { type: 'voteSkip', userId: 'u1' }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u2' }, LATER);
    expect(state.currentVideoIndex).toBe(0);
    state = step(state, { type: 'voteSkip', userId: 'u3' }, LATER);
    expect(state.currentVideoIndex).toBe(1);
  });

  it('forgets votes once another clip is current', () => {
    let state = step(locked(), { type: 'voteSkip', userId: 'u2' }, LATER);
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 1 }, LATER);
    expect(rolesView(state).skipVotes).toEqual([]);
    state = step(state, { type: 'voteSkip', userId: 'u3' }, LATER);
    expect(rolesView(state).skipVotes).toEqual(['u3']);
    expect(state.currentVideoIndex).toBe(1);
  });

  it('drops the vote of someone who leaves', () => {
    let state = step(locked(), { type: 'voteSkip', userId: 'u2' }, LATER);
    state = step(state, { type: 'leave', userId: 'u2' }, LATER);
    expect(rolesView(state).skipVotes).toEqual([]);
  });

  it('a leaver who voted takes the vote along and nothing skips', () => {
    // Five people, three needed; u2 and u3 voted, then u3 leaves: 1 of 4 (3 needed).
    let state = room({ members: ['A', 'B', 'C', 'D', 'E'], videos: 3 });
    state = step(state, { type: 'voteSkip', userId: 'u2' }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u3' }, LATER);
    const result = must(apply(state, { type: 'leave', userId: 'u3' }, LATER));
    expect(rolesView(result.state).skipVotes).toEqual(['u2']);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.effects.map((e) => e.type)).toEqual([
      'system_message',
      'room_users',
      'room_roles',
    ]);
  });

  it('skips once when a non-voter leaving makes the votes cast a majority', () => {
    // Five people, three needed, two voted; after two non-voters leave, 2 of 3 is enough.
    let state = room({ members: ['A', 'B', 'C', 'D', 'E'], videos: 3 });
    state = step(state, { type: 'voteSkip', userId: 'u1' }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u2' }, LATER);
    state = step(state, { type: 'leave', userId: 'u5' }, LATER);
    // 2 of 4: three needed still.
    expect(state.currentVideoIndex).toBe(0);
    expect(rolesView(state).skipVotes).toEqual(['u1', 'u2']);
    const result = must(apply(state, { type: 'leave', userId: 'u4', leadMs: 200 }, LATER));
    expect(result.state.currentVideoIndex).toBe(1);
    expect(rolesView(result.state).skipVotes).toEqual([]);
    expect(result.state.messages.slice(-2).map((m) => m.text)).toEqual([
      'D left',
      'Skipped by vote (2 of 3)',
    ]);
    expect(result.effects.map((e) => e.type)).toEqual([
      'system_message',
      'room_users',
      'update_index',
      'player_state',
      'system_message',
      'room_roles',
    ]);
    // The votes are spent: another departure does not skip again.
    const after = step(result.state, { type: 'leave', userId: 'u3' }, LATER);
    expect(after.currentVideoIndex).toBe(1);
  });

  it('a kick that makes the votes a majority skips, and its reply shows the roles after', () => {
    let state = step(party(), { type: 'voteSkip', userId: 'u2' }, LATER);
    // 1 of 3 (two needed); the host removes Cy: 1 of 2 (two needed still), no skip.
    let result = must(
      apply(state, { type: 'kick', userId: 'u1', targetId: 'u3', ban: false }, LATER),
    );
    expect(result.state.currentVideoIndex).toBe(0);
    // Four people, two votes (three needed); a ban of a non-voter makes it 2 of 3.
    state = room({ members: ['A', 'B', 'C', 'D'], videos: 3 });
    state = step(state, { type: 'voteSkip', userId: 'u2' }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u3' }, LATER);
    result = must(apply(state, { type: 'kick', userId: 'u1', targetId: 'u4', ban: true }, LATER));
    expect(result.state.currentVideoIndex).toBe(1);
    expect(result.state.messages.at(-1)?.text).toBe('Skipped by vote (2 of 3)');
    expect(result.reply).toMatchObject({ type: 'removed', userId: 'u4' });
    expect(result.reply.type === 'removed' && result.reply.roles.skipVotes).toEqual([]);
  });

  it('a departure changes nothing of the clip when nobody voted', () => {
    const state = party();
    const result = must(apply(state, { type: 'leave', userId: 'u3' }, LATER));
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toEqual(state.playback);
    expect(result.effects.map((e) => e.type)).toEqual(['system_message', 'room_users']);
    expect(rolesView(result.state).skipVotes).toEqual([]);
  });

  it('refuses when there is no clip to skip to, and from non-members', () => {
    const last = step(locked(), { type: 'changeVideo', userId: 'u1', index: 2 }, LATER);
    expect(refusal(apply(last, { type: 'voteSkip', userId: 'u2' }, LATER)).code).toBe(
      ErrorCode.NO_VIDEO,
    );
    expect(refusal(apply(locked(), { type: 'voteSkip', userId: 'x' }, LATER)).code).toBe(
      ErrorCode.NOT_IN_ROOM,
    );
  });

  it('wraps to the first clip with loop all', () => {
    let state = step(party(), { type: 'setLoop', userId: 'u1', mode: 'all' }, LATER);
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 2 }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u1' }, LATER);
    state = step(state, { type: 'voteSkip', userId: 'u2' }, LATER);
    expect(state.currentVideoIndex).toBe(0);
  });
});
