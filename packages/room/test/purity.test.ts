import { ErrorCode, Limits, protocolError } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, type Command, type RoomState } from '../src/index.js';
import {
  deepFreeze,
  must,
  refusal,
  room,
  step,
  T0,
  videoId,
  videoUrl,
  withDuration,
} from './builders.js';

const COUNTDOWN_AT = T0 + 60_000;
/** While the rich room's countdown is running. */
const NOW = COUNTDOWN_AT + 1_000;
/** After it has ended. */
const AFTER = COUNTDOWN_AT + 60_000;

/**
 * A room that exercises every part of the state: two members (one with two
 * connections), a resolved, a failed and a processing item, chat and system lines,
 * a current index other than 0 and a running countdown.
 */
function richRoom(): RoomState {
  let state = room({ members: ['Alice', 'Bob'], videos: 2 });
  state = step(state, { type: 'join', userId: 'u1', name: 'Alice' });
  state = step(state, { type: 'addVideo', userId: 'u2', url: 'https://vm.tiktok.com/ZMabc123/' });
  state = withDuration(state, 1, 30);
  state = step(state, {
    type: 'videoResolved',
    itemId: 2,
    outcome: { ok: false, error: protocolError(ErrorCode.VIDEO_PRIVATE, 'Private.') },
  });
  state = step(state, { type: 'sendMessage', userId: 'u2', text: 'hello' });
  state = step(state, { type: 'changeVideo', userId: 'u1', index: 1 });
  state = step(state, { type: 'play', userId: 'u1', time: 3 });
  return step(state, { type: 'requestCountdown', userId: 'u2' }, COUNTDOWN_AT);
}

const emptyQueue = (): RoomState => room({ members: ['Alice'] });
let fullQueueCache: RoomState | undefined;
const fullQueue = (): RoomState => {
  fullQueueCache ??= room({ videos: Limits.queueMaxLength });
  return structuredClone(fullQueueCache);
};

type Refusal = [label: string, make: () => RoomState, command: Command, code: string];

const refusals: Refusal[] = [
  ['rename by a non-member', richRoom, { type: 'rename', userId: 'x', name: 'Y' }, 'NOT_IN_ROOM'],
  [
    'addVideo by a non-member',
    richRoom,
    { type: 'addVideo', userId: 'x', url: videoUrl(9) },
    'NOT_IN_ROOM',
  ],
  [
    'addVideo of another site',
    richRoom,
    { type: 'addVideo', userId: 'u1', url: 'https://youtu.be/abc' },
    'NOT_TIKTOK',
  ],
  [
    'addVideo of a lookalike host',
    richRoom,
    {
      type: 'addVideo',
      userId: 'u1',
      url: `https://tiktok.com.evil.example/@u/video/${videoId(9)}`,
    },
    'NOT_TIKTOK',
  ],
  ['addVideo of garbage', richRoom, { type: 'addVideo', userId: 'u1', url: '::::' }, 'INVALID_URL'],
  [
    'addVideo of a photo post',
    richRoom,
    { type: 'addVideo', userId: 'u1', url: `https://www.tiktok.com/@u/photo/${videoId(9)}` },
    'NOT_A_VIDEO',
  ],
  [
    'addVideo to a full queue',
    fullQueue,
    { type: 'addVideo', userId: 'u1', url: videoUrl(9_999) },
    'QUEUE_FULL',
  ],
  [
    'retryVideo by a non-member',
    richRoom,
    { type: 'retryVideo', userId: 'x', itemId: 2 },
    'NOT_IN_ROOM',
  ],
  [
    'retryVideo of an unknown item',
    richRoom,
    { type: 'retryVideo', userId: 'u1', itemId: 99 },
    'NOT_FOUND',
  ],
  [
    'removeVideo by a non-member',
    richRoom,
    { type: 'removeVideo', userId: 'x', index: 0 },
    'NOT_IN_ROOM',
  ],
  [
    'removeVideo at index == length',
    richRoom,
    { type: 'removeVideo', userId: 'u1', index: 3 },
    'INDEX_OUT_OF_RANGE',
  ],
  [
    'removeVideo past the end',
    richRoom,
    { type: 'removeVideo', userId: 'u1', index: 50 },
    'INDEX_OUT_OF_RANGE',
  ],
  [
    'removeVideo on an empty queue',
    emptyQueue,
    { type: 'removeVideo', userId: 'u1', index: 0 },
    'INDEX_OUT_OF_RANGE',
  ],
  [
    'changeVideo by a non-member',
    richRoom,
    { type: 'changeVideo', userId: 'x', index: 0 },
    'NOT_IN_ROOM',
  ],
  [
    'changeVideo at index == length',
    richRoom,
    { type: 'changeVideo', userId: 'u1', index: 3 },
    'INDEX_OUT_OF_RANGE',
  ],
  [
    'changeVideo past the end',
    richRoom,
    { type: 'changeVideo', userId: 'u1', index: 4 },
    'INDEX_OUT_OF_RANGE',
  ],
  [
    'sendMessage by a non-member',
    richRoom,
    { type: 'sendMessage', userId: 'x', text: 'hi' },
    'NOT_IN_ROOM',
  ],
  [
    'sendMessage of blanks',
    richRoom,
    { type: 'sendMessage', userId: 'u1', text: ' \n\u0000 ' },
    'MESSAGE_EMPTY',
  ],
  [
    'sendMessage one character too long',
    richRoom,
    { type: 'sendMessage', userId: 'u1', text: 'x'.repeat(Limits.messageMaxLength + 1) },
    'MESSAGE_TOO_LONG',
  ],
  ['play by a non-member', richRoom, { type: 'play', userId: 'x', time: 1 }, 'NOT_IN_ROOM'],
  ['pause by a non-member', richRoom, { type: 'pause', userId: 'x', time: 1 }, 'NOT_IN_ROOM'],
  ['seek by a non-member', richRoom, { type: 'seek', userId: 'x', time: 1 }, 'NOT_IN_ROOM'],
  ['play on an empty queue', emptyQueue, { type: 'play', userId: 'u1', time: 1 }, 'NO_VIDEO'],
  ['pause on an empty queue', emptyQueue, { type: 'pause', userId: 'u1', time: 1 }, 'NO_VIDEO'],
  ['seek on an empty queue', emptyQueue, { type: 'seek', userId: 'u1', time: 1 }, 'NO_VIDEO'],
  [
    'requestCountdown by a non-member',
    richRoom,
    { type: 'requestCountdown', userId: 'x' },
    'NOT_IN_ROOM',
  ],
  [
    'requestCountdown on an empty queue',
    emptyQueue,
    { type: 'requestCountdown', userId: 'u1' },
    'NO_VIDEO',
  ],
  [
    'reportDuration by a non-member',
    richRoom,
    { type: 'reportDuration', userId: 'x', itemId: 1, duration: 30 },
    'NOT_IN_ROOM',
  ],
  [
    'reportDuration of an unknown item',
    richRoom,
    { type: 'reportDuration', userId: 'u1', itemId: 99, duration: 30 },
    'NOT_FOUND',
  ],
  [
    'setLoop by a non-member',
    richRoom,
    { type: 'setLoop', userId: 'x', mode: 'all' },
    'NOT_IN_ROOM',
  ],
  [
    'setAutoplay by a non-member',
    richRoom,
    { type: 'setAutoplay', userId: 'x', enabled: false },
    'NOT_IN_ROOM',
  ],
];

describe('refused commands', () => {
  it.each(refusals)(
    '%s is refused and leaves the state as it was',
    (_label, make, command, code) => {
      const state = make();
      const before = structuredClone(state);
      const result = apply(state, command, NOW);

      expect(result).not.toHaveProperty('state');
      const error = refusal(result);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(0);
      expect(state).toStrictEqual(before);
    },
  );

  it('the table covers every error code the core can produce', () => {
    expect(new Set(refusals.map(([, , , code]) => code))).toEqual(
      new Set([
        ErrorCode.NOT_IN_ROOM,
        ErrorCode.NOT_TIKTOK,
        ErrorCode.INVALID_URL,
        ErrorCode.NOT_A_VIDEO,
        ErrorCode.QUEUE_FULL,
        ErrorCode.NOT_FOUND,
        ErrorCode.INDEX_OUT_OF_RANGE,
        ErrorCode.MESSAGE_EMPTY,
        ErrorCode.MESSAGE_TOO_LONG,
        ErrorCode.NO_VIDEO,
      ]),
    );
  });
});

/** Every command, in every branch, that the rich room can take: successes and refusals. */
const everyCommand: [label: string, command: Command, now: number][] = [
  ['join of a new member', { type: 'join', userId: 'u3', name: 'Carol' }, NOW],
  ['join of another connection', { type: 'join', userId: 'u2', name: 'Bob' }, NOW],
  ['join under a new name', { type: 'join', userId: 'u2', name: 'Robert' }, NOW],
  ['leave of a member', { type: 'leave', userId: 'u1' }, NOW],
  ['leave of the last connection', { type: 'leave', userId: 'u2' }, NOW],
  ['leave of a non-member', { type: 'leave', userId: 'x' }, NOW],
  ['rename', { type: 'rename', userId: 'u2', name: 'Robert' }, NOW],
  ['rename to the same name', { type: 'rename', userId: 'u2', name: 'Bob' }, NOW],
  ['rename of a non-member', { type: 'rename', userId: 'x', name: 'Y' }, NOW],
  ['addVideo of a video link', { type: 'addVideo', userId: 'u1', url: videoUrl(9) }, NOW],
  [
    'addVideo of a short link',
    { type: 'addVideo', userId: 'u1', url: 'https://vt.tiktok.com/ZSabcd/' },
    NOW,
  ],
  [
    'addVideo of a photo',
    { type: 'addVideo', userId: 'u1', url: `https://www.tiktok.com/@u/photo/${videoId(1)}` },
    NOW,
  ],
  ['addVideo of garbage', { type: 'addVideo', userId: 'u1', url: 'nope nope' }, NOW],
  [
    'videoResolved ok',
    {
      type: 'videoResolved',
      itemId: 3,
      outcome: {
        ok: true,
        videoId: videoId(3),
        url: videoUrl(3),
        mp4Url: '/media/3.mp4',
        embedUrl: `https://www.tiktok.com/player/v1/${videoId(3)}`,
        title: 't',
        author: { uniqueId: 'a', nickname: 'A' },
        duration: 10,
      },
    },
    NOW,
  ],
  [
    'videoResolved failure',
    {
      type: 'videoResolved',
      itemId: 1,
      outcome: { ok: false, error: protocolError(ErrorCode.TIMEOUT, 'Timed out.') },
    },
    NOW,
  ],
  [
    'videoResolved of an unknown item',
    {
      type: 'videoResolved',
      itemId: 77,
      outcome: { ok: false, error: protocolError(ErrorCode.TIMEOUT, 't') },
    },
    NOW,
  ],
  ['retryVideo of a failed item', { type: 'retryVideo', userId: 'u1', itemId: 2 }, NOW],
  ['retryVideo of a processing item', { type: 'retryVideo', userId: 'u1', itemId: 3 }, NOW],
  ['retryVideo of an unknown item', { type: 'retryVideo', userId: 'u1', itemId: 77 }, NOW],
  ['removeVideo before the current one', { type: 'removeVideo', userId: 'u1', index: 0 }, NOW],
  ['removeVideo of the current one', { type: 'removeVideo', userId: 'u1', index: 1 }, NOW],
  ['removeVideo after the current one', { type: 'removeVideo', userId: 'u1', index: 2 }, NOW],
  ['removeVideo out of range', { type: 'removeVideo', userId: 'u1', index: 3 }, NOW],
  ['changeVideo', { type: 'changeVideo', userId: 'u1', index: 0 }, NOW],
  ['changeVideo out of range', { type: 'changeVideo', userId: 'u1', index: 3 }, NOW],
  ['sendMessage', { type: 'sendMessage', userId: 'u1', text: '  hi\u0000 there ' }, NOW],
  ['sendMessage empty', { type: 'sendMessage', userId: 'u1', text: '' }, NOW],
  ['play', { type: 'play', userId: 'u1', time: 50 }, NOW],
  ['pause', { type: 'pause', userId: 'u1', time: 5 }, NOW],
  ['seek during the countdown', { type: 'seek', userId: 'u1', time: 6 }, NOW],
  ['seek after the countdown', { type: 'seek', userId: 'u1', time: 6 }, AFTER],
  ['requestCountdown while one runs', { type: 'requestCountdown', userId: 'u1' }, NOW],
  ['requestCountdown after it ended', { type: 'requestCountdown', userId: 'u1' }, AFTER],
  ['requestCountdown by a non-member', { type: 'requestCountdown', userId: 'x' }, NOW],
  ['play with a lead', { type: 'play', userId: 'u1', time: 1, leadMs: 400 }, AFTER],
  ['changeVideo with a lead', { type: 'changeVideo', userId: 'u1', index: 0, leadMs: 400 }, NOW],
  [
    'clipEnded reported for the current clip',
    {
      type: 'clipEnded',
      itemId: 3,
      source: 'report',
      toleranceMs: 1_000,
      leadMs: 300,
      holdMs: 3_000,
    },
    AFTER,
  ],
  [
    'clipEnded for a clip that is not current',
    { type: 'clipEnded', itemId: 1, source: 'timer', toleranceMs: 25, leadMs: 300, holdMs: 3_000 },
    AFTER,
  ],
  ['gate not ready', { type: 'gate', epoch: 4, allReady: false, leadMs: 300, holdMs: 3_000 }, NOW],
  ['gate ready', { type: 'gate', epoch: 4, allReady: true, leadMs: 300, holdMs: 3_000 }, NOW],
  ['reportDuration', { type: 'reportDuration', userId: 'u2', itemId: 1, duration: 29.6 }, NOW],
  ['setLoop', { type: 'setLoop', userId: 'u1', mode: 'all' }, NOW],
  ['setAutoplay', { type: 'setAutoplay', userId: 'u2', enabled: false }, NOW],
];

describe('apply never mutates its input', () => {
  it.each(everyCommand)('%s works on a deeply frozen state', (_label, command, now) => {
    const state = richRoom();
    const before = structuredClone(state);
    deepFreeze(state);
    deepFreeze(command);

    expect(() => apply(state, command, now)).not.toThrow();
    expect(state).toStrictEqual(before);
  });

  it('a whole session runs with every intermediate state frozen', () => {
    const session: Command[] = [
      { type: 'join', userId: 'u1', name: 'Alice' },
      { type: 'join', userId: 'u2', name: 'Bob' },
      { type: 'addVideo', userId: 'u1', url: videoUrl(1) },
      { type: 'addVideo', userId: 'u2', url: 'https://vm.tiktok.com/ZMabc123/' },
      { type: 'addVideo', userId: 'u2', url: videoUrl(3) },
      {
        type: 'videoResolved',
        itemId: 1,
        outcome: {
          ok: true,
          videoId: videoId(1),
          url: videoUrl(1),
          mp4Url: undefined,
          embedUrl: 'e',
          duration: 30,
        },
      },
      {
        type: 'videoResolved',
        itemId: 2,
        outcome: { ok: false, error: protocolError(ErrorCode.TIMEOUT, 't') },
      },
      { type: 'retryVideo', userId: 'u1', itemId: 2 },
      { type: 'sendMessage', userId: 'u1', text: 'ready?' },
      { type: 'requestCountdown', userId: 'u2' },
      { type: 'seek', userId: 'u1', time: 2 },
      { type: 'play', userId: 'u1', time: 0 },
      { type: 'pause', userId: 'u2', time: 12 },
      { type: 'changeVideo', userId: 'u1', index: 2 },
      { type: 'removeVideo', userId: 'u1', index: 0 },
      { type: 'removeVideo', userId: 'u1', index: 1 },
      { type: 'rename', userId: 'u2', name: 'Robert' },
      { type: 'leave', userId: 'u2' },
      { type: 'leave', userId: 'u1' },
    ];
    let state = deepFreeze(room({ members: [] }));
    session.forEach((command, i) => {
      const result = must(apply(state, deepFreeze(command), T0 + i * 100));
      state = deepFreeze(result.state);
    });
    expect(state.members).toEqual([]);
    expect(state.queue.map((item) => item.id)).toEqual([2]);
    expect(state.currentVideoIndex).toBe(0);
    expect(state.messages.slice(-2).map((m) => m.text)).toEqual(['Robert left', 'Alice left']);
  });
});
