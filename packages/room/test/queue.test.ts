import { ErrorCode, Limits, protocolError } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, type ResolveOutcome, type RoomState } from '../src/index.js';
import {
  itemAt,
  must,
  refusal,
  room,
  step,
  T0,
  videoId,
  videoUrl,
  withDuration,
} from './builders.js';

const LATER = T0 + 60_000;
const ID = videoId(42);

function add(state: RoomState, url: string, now = LATER) {
  return apply(state, { type: 'addVideo', userId: 'u1', url }, now);
}

describe('addVideo: accepted links', () => {
  it.each([
    ['canonical', `https://www.tiktok.com/@some.user/video/${ID}`, 'some.user'],
    [
      'canonical with query and trailing slash',
      `https://www.tiktok.com/@a_b/video/${ID}/?lang=en`,
      'a_b',
    ],
    ['canonical without scheme', `www.tiktok.com/@creator/video/${ID}`, 'creator'],
    ['bare domain', `https://tiktok.com/@creator/video/${ID}`, 'creator'],
    ['share', `https://www.tiktok.com/share/video/${ID}`, '_'],
    ['mobile', `https://m.tiktok.com/v/${ID}.html`, '_'],
    ['embed', `https://www.tiktok.com/embed/${ID}`, '_'],
    ['embed v2', `https://www.tiktok.com/embed/v2/${ID}`, '_'],
    ['player', `https://www.tiktok.com/player/v1/${ID}?autoplay=1`, '_'],
  ])('%s link -> video id, canonical url and embed player url', (_label, url, handle) => {
    const state = room();
    const result = must(add(state, url));
    const item = itemAt(result.state, 0);

    expect(item).toEqual({
      id: 1,
      url: `https://www.tiktok.com/@${handle}/video/${ID}`,
      addedBy: 'Alice',
      addedAt: new Date(LATER).toISOString(),
      isProcessing: true,
      videoId: ID,
      embedUrl: `https://www.tiktok.com/player/v1/${ID}`,
    });
    expect(result.effects).toEqual([
      { type: 'update_queue', queue: result.state.queue, change: { kind: 'item_added', item } },
      { type: 'resolveVideo', itemId: 1, url: item.url },
    ]);
    expect(result.reply).toEqual({ type: 'item', item });
    expect(result.state.nextVideoId).toBe(2);
    expect(result.state.lastActivity).toBe(LATER);
  });

  it.each([
    ['vm short link', 'https://vm.tiktok.com/ZMabc123/', 'https://vm.tiktok.com/ZMabc123/'],
    ['vt short link', 'https://vt.tiktok.com/ZSxyz789', 'https://vt.tiktok.com/ZSxyz789'],
    ['/t/ short link', 'https://www.tiktok.com/t/ZTRabcd1/', 'https://www.tiktok.com/t/ZTRabcd1/'],
  ])('%s is queued for resolving without a video id or embed url', (_label, url, stored) => {
    const result = must(add(room(), url));
    const item = itemAt(result.state, 0);

    expect(item).toEqual({
      id: 1,
      url: stored,
      addedBy: 'Alice',
      addedAt: new Date(LATER).toISOString(),
      isProcessing: true,
    });
    expect(item).not.toHaveProperty('videoId');
    expect(item).not.toHaveProperty('embedUrl');
    expect(result.effects).toEqual([
      { type: 'update_queue', queue: result.state.queue, change: { kind: 'item_added', item } },
      { type: 'resolveVideo', itemId: 1, url: stored },
    ]);
  });

  it('assigns increasing ids that are never reused after a removal', () => {
    let state = room({ members: ['Alice', 'Bob'] });
    state = must(add(state, videoUrl(1))).state;
    state = must(apply(state, { type: 'addVideo', userId: 'u2', url: videoUrl(2) }, LATER)).state;
    state = step(state, { type: 'removeVideo', userId: 'u1', index: 1 });
    state = must(add(state, videoUrl(3))).state;

    expect(state.queue.map((item) => item.id)).toEqual([1, 3]);
    expect(state.nextVideoId).toBe(4);
  });

  it('records who added the item by their current member name', () => {
    const state = room({ members: ['Alice', 'Bob'] });
    const result = must(apply(state, { type: 'addVideo', userId: 'u2', url: videoUrl(7) }, LATER));
    expect(itemAt(result.state, 0).addedBy).toBe('Bob');
  });

  it('appends to the end of the queue and leaves the current index and playback alone', () => {
    const state = step(room({ videos: 2 }), { type: 'play', userId: 'u1', time: 3 });
    const result = must(add(state, videoUrl(9)));

    expect(result.state.queue.slice(0, 2)).toEqual(state.queue);
    expect(itemAt(result.state, 2).videoId).toBe(videoId(9));
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toBe(state.playback);
  });
});

describe('addVideo: refusals', () => {
  it.each([
    ['another site', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['a lookalike host', `https://tiktok.com.evil.example/@u/video/${ID}`],
    ['a host that only ends in tiktok.com', `https://eviltiktok.com/@u/video/${ID}`],
    ['credentials that hide the real host', `https://www.tiktok.com@evil.example/@u/video/${ID}`],
    ['an explicit port', `https://www.tiktok.com:8443/@u/video/${ID}`],
  ])('NOT_TIKTOK for %s', (_label, url) => {
    expect(refusal(add(room(), url)).code).toBe(ErrorCode.NOT_TIKTOK);
  });

  it.each([
    ['text that is not a link', 'not a link at all'],
    ['an empty string', ''],
    ['a javascript: url', 'javascript:alert(1)'],
    ['an ftp url', `ftp://www.tiktok.com/@u/video/${ID}`],
    ['a TikTok profile page', 'https://www.tiktok.com/@creator'],
    ['a video id that is too short', 'https://www.tiktok.com/@creator/video/12345'],
    [
      'a link longer than the url limit',
      `https://www.tiktok.com/@u/video/${ID}?x=${'a'.repeat(Limits.urlMaxLength)}`,
    ],
  ])('INVALID_URL for %s', (_label, url) => {
    expect(refusal(add(room(), url)).code).toBe(ErrorCode.INVALID_URL);
  });

  it('NOT_A_VIDEO for a photo post', () => {
    const error = refusal(add(room(), `https://www.tiktok.com/@creator/photo/${ID}`));
    expect(error.code).toBe(ErrorCode.NOT_A_VIDEO);
  });

  it('NOT_IN_ROOM for someone who has not joined, before looking at the link', () => {
    const state = room();
    const valid = apply(state, { type: 'addVideo', userId: 'stranger', url: videoUrl(1) }, LATER);
    expect(refusal(valid).code).toBe(ErrorCode.NOT_IN_ROOM);
    const garbage = apply(state, { type: 'addVideo', userId: 'stranger', url: 'x' }, LATER);
    expect(refusal(garbage).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it(`accepts up to Limits.queueMaxLength (${Limits.queueMaxLength}) videos, then QUEUE_FULL`, () => {
    const almost = room({ videos: Limits.queueMaxLength - 1 });
    expect(almost.queue).toHaveLength(Limits.queueMaxLength - 1);

    const full = must(add(almost, videoUrl(100_000))).state;
    expect(full.queue).toHaveLength(Limits.queueMaxLength);
    expect(itemAt(full, Limits.queueMaxLength - 1).id).toBe(Limits.queueMaxLength);

    const error = refusal(add(full, videoUrl(100_001)));
    expect(error.code).toBe(ErrorCode.QUEUE_FULL);
    expect(error.message).toContain(String(Limits.queueMaxLength));
    expect(refusal(add(full, 'https://vm.tiktok.com/ZMabc123/')).code).toBe(ErrorCode.QUEUE_FULL);
  });

  it('accepts a video again once a full queue has room', () => {
    const full = room({ videos: Limits.queueMaxLength });
    const freed = step(full, { type: 'removeVideo', userId: 'u1', index: 0 });
    const result = must(add(freed, videoUrl(100_000)));
    expect(result.state.queue).toHaveLength(Limits.queueMaxLength);
    expect(itemAt(result.state, Limits.queueMaxLength - 1).id).toBe(Limits.queueMaxLength + 1);
  });
});

describe('videoResolved', () => {
  const resolvedOutcome: ResolveOutcome = {
    ok: true,
    videoId: videoId(1),
    url: videoUrl(1, 'real.handle'),
    mp4Url: `/media/${videoId(1)}.mp4`,
    embedUrl: `https://www.tiktok.com/player/v1/${videoId(1)}`,
    title: 'A title',
    author: { uniqueId: 'real.handle', nickname: 'Real Name' },
    thumbnailUrl: 'https://p16.example/thumb.jpg',
    duration: 42.5,
    width: 720,
    height: 1280,
  };

  it('fills in the resolved fields and stops processing', () => {
    const state = room({ videos: 2 });
    const result = must(
      apply(state, { type: 'videoResolved', itemId: 1, outcome: resolvedOutcome }, LATER),
    );
    const item = itemAt(result.state, 0);

    expect(item).toEqual({
      id: 1,
      url: videoUrl(1, 'real.handle'),
      addedBy: 'Alice',
      addedAt: new Date(T0).toISOString(),
      isProcessing: false,
      videoId: videoId(1),
      mp4Url: `/media/${videoId(1)}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${videoId(1)}`,
      title: 'A title',
      author: { uniqueId: 'real.handle', nickname: 'Real Name' },
      thumbnailUrl: 'https://p16.example/thumb.jpg',
      duration: 42.5,
      width: 720,
      height: 1280,
    });
    expect(result.state.queue[1]).toBe(state.queue[1]);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.effects).toEqual([
      {
        type: 'update_queue',
        queue: result.state.queue,
        change: { kind: 'item_updated', item: itemAt(result.state, 0) },
      },
    ]);
    expect(result.reply).toEqual({ type: 'none' });
  });

  it('leaves optional fields the resolver did not learn absent', () => {
    const state = must(add(room(), 'https://vm.tiktok.com/ZMabc123/')).state;
    const result = must(
      apply(
        state,
        {
          type: 'videoResolved',
          itemId: 1,
          outcome: {
            ok: true,
            videoId: ID,
            url: `https://www.tiktok.com/@_/video/${ID}`,
            mp4Url: undefined,
            embedUrl: `https://www.tiktok.com/player/v1/${ID}`,
          },
        },
        LATER,
      ),
    );
    const item = itemAt(result.state, 0);

    expect(item.videoId).toBe(ID);
    expect(item.url).toBe(`https://www.tiktok.com/@_/video/${ID}`);
    expect(item.embedUrl).toBe(`https://www.tiktok.com/player/v1/${ID}`);
    expect(item.isProcessing).toBe(false);
    for (const key of [
      'mp4Url',
      'title',
      'author',
      'thumbnailUrl',
      'duration',
      'width',
      'height',
      'error',
    ]) {
      expect(item).not.toHaveProperty(key);
    }
  });

  it('records a failure, keeps the embed url it already had and stops processing', () => {
    const state = room({ videos: 1 });
    const error = protocolError(ErrorCode.VIDEO_PRIVATE, 'This video is private.');
    const result = must(
      apply(state, { type: 'videoResolved', itemId: 1, outcome: { ok: false, error } }, LATER),
    );

    expect(itemAt(result.state, 0)).toEqual({
      ...itemAt(state, 0),
      isProcessing: false,
      error,
      embedUrl: `https://www.tiktok.com/player/v1/${videoId(1)}`,
    });
    expect(result.effects).toEqual([
      {
        type: 'update_queue',
        queue: result.state.queue,
        change: { kind: 'item_updated', item: itemAt(result.state, 0) },
      },
    ]);
  });

  it('takes the embed url a failure brings, e.g. for a short link', () => {
    const state = must(add(room(), 'https://vm.tiktok.com/ZMabc123/')).state;
    const error = protocolError(ErrorCode.UPSTREAM_ERROR, 'TikTok did not answer.');
    const embedUrl = `https://www.tiktok.com/player/v1/${ID}`;

    const withEmbed = must(
      apply(
        state,
        { type: 'videoResolved', itemId: 1, outcome: { ok: false, error, embedUrl } },
        LATER,
      ),
    );
    expect(itemAt(withEmbed.state, 0).embedUrl).toBe(embedUrl);
    expect(itemAt(withEmbed.state, 0).error).toEqual(error);

    const without = must(
      apply(state, { type: 'videoResolved', itemId: 1, outcome: { ok: false, error } }, LATER),
    );
    expect(itemAt(without.state, 0)).not.toHaveProperty('embedUrl');
    expect(itemAt(without.state, 0).isProcessing).toBe(false);
  });

  it('clears an earlier error when a retry succeeds', () => {
    const error = protocolError(ErrorCode.TIMEOUT, 'Timed out.');
    let state = step(room({ videos: 1 }), {
      type: 'videoResolved',
      itemId: 1,
      outcome: { ok: false, error },
    });
    state = step(state, { type: 'retryVideo', userId: 'u1', itemId: 1 });
    const result = must(
      apply(state, { type: 'videoResolved', itemId: 1, outcome: resolvedOutcome }, LATER),
    );

    expect(itemAt(result.state, 0)).not.toHaveProperty('error');
    expect(itemAt(result.state, 0)).not.toHaveProperty('resolvingSince');
    expect(itemAt(result.state, 0).isProcessing).toBe(false);
    expect(itemAt(result.state, 0).mp4Url).toBe(`/media/${videoId(1)}.mp4`);
  });

  it('ignores an item that left the queue meanwhile: ok, no effects, same state', () => {
    const state = room({ videos: 1 });
    const snapshot = structuredClone(state);
    const result = must(
      apply(state, { type: 'videoResolved', itemId: 99, outcome: resolvedOutcome }, LATER),
    );

    expect(result.state).toBe(state);
    expect(result.state).toStrictEqual(snapshot);
    expect(result.effects).toEqual([]);
    expect(result.reply).toEqual({ type: 'none' });
  });
});

describe('retryVideo', () => {
  const error = protocolError(ErrorCode.UPSTREAM_ERROR, 'TikTok did not answer.');

  function failed(): RoomState {
    return step(room({ videos: 2 }), {
      type: 'videoResolved',
      itemId: 2,
      outcome: { ok: false, error },
    });
  }

  it('puts a failed item back into processing and asks the resolver again', () => {
    const state = failed();
    const result = must(apply(state, { type: 'retryVideo', userId: 'u1', itemId: 2 }, LATER));
    const item = itemAt(result.state, 1);

    expect(item.isProcessing).toBe(true);
    expect(item).not.toHaveProperty('error');
    // Its resolve counts from now (not from when it was added) for a takeover elsewhere.
    expect(item).toEqual({
      ...itemAt(state, 1),
      isProcessing: true,
      error: undefined,
      resolvingSince: new Date(LATER).toISOString(),
    });
    expect(result.state.queue[0]).toBe(state.queue[0]);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.effects).toEqual([
      { type: 'update_queue', queue: result.state.queue, change: { kind: 'item_updated', item } },
      { type: 'resolveVideo', itemId: 2, url: item.url },
    ]);
    expect(result.reply).toEqual({ type: 'item', item });
  });

  it('NOT_FOUND for an item that is not in the queue', () => {
    const error = refusal(apply(failed(), { type: 'retryVideo', userId: 'u1', itemId: 3 }, LATER));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
  });

  it('NOT_IN_ROOM for someone who has not joined', () => {
    const result = apply(failed(), { type: 'retryVideo', userId: 'stranger', itemId: 2 }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it('is a no-op for an item that is still processing', () => {
    const state = failed();
    const result = must(apply(state, { type: 'retryVideo', userId: 'u1', itemId: 1 }, LATER));

    expect(result.state).toBe(state);
    expect(result.effects).toEqual([]);
    expect(result.reply).toEqual({ type: 'item', item: itemAt(state, 0) });
  });
});

describe('removeVideo', () => {
  /** Four videos, the third (index 2) current and playing. */
  function playingThird(): RoomState {
    let state = room({ videos: 4 });
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 2 });
    return step(state, { type: 'play', userId: 'u1', time: 10 });
  }

  it.each([
    ['index == length', 4],
    ['index > length', 5],
    ['a far larger index', 10_000],
  ])('INDEX_OUT_OF_RANGE for %s', (_label, index) => {
    const result = apply(playingThird(), { type: 'removeVideo', userId: 'u1', index }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.INDEX_OUT_OF_RANGE);
  });

  it('INDEX_OUT_OF_RANGE on an empty queue', () => {
    const result = apply(room(), { type: 'removeVideo', userId: 'u1', index: 0 }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.INDEX_OUT_OF_RANGE);
  });

  it('NOT_IN_ROOM for someone who has not joined', () => {
    const result = apply(playingThird(), { type: 'removeVideo', userId: 'x', index: 0 }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it('removing before the current video shifts the index down and keeps playback', () => {
    const state = playingThird();
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 0 }, LATER));

    expect(result.state.queue.map((item) => item.id)).toEqual([2, 3, 4]);
    expect(result.state.currentVideoIndex).toBe(1);
    expect(itemAt(result.state, result.state.currentVideoIndex).id).toBe(3);
    expect(result.state.playback).toBe(state.playback);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.effects).toEqual([
      {
        type: 'update_queue',
        queue: result.state.queue,
        change: { kind: 'item_removed', itemId: 1 },
      },
      { type: 'update_index', index: 1 },
    ]);
    expect(result.reply).toEqual({ type: 'queue', queue: result.state.queue });
  });

  it('removing the current video while it plays moves to the one after it, which starts scheduled', () => {
    const state = playingThird();
    const result = must(
      apply(state, { type: 'removeVideo', userId: 'u1', index: 2, leadMs: 400 }, LATER),
    );

    expect(result.state.queue.map((item) => item.id)).toEqual([1, 2, 4]);
    expect(result.state.currentVideoIndex).toBe(2);
    expect(itemAt(result.state, 2).id).toBe(4);
    expect(result.state.playback).toEqual({
      playing: true,
      position: 0,
      updatedAt: LATER + 400,
      rate: 1,
      epoch: 3,
    });
    expect(result.effects).toEqual([
      {
        type: 'update_queue',
        queue: result.state.queue,
        change: { kind: 'item_removed', itemId: 3 },
      },
      { type: 'update_index', index: 2 },
      {
        type: 'player_state',
        state: {
          playing: true,
          time: 0,
          updatedAt: LATER + 400,
          rate: 1,
          serverTime: LATER,
          currentVideoIndex: 2,
          itemId: 4,
          epoch: 3,
          loop: 'off',
          autoplay: true,
        },
      },
    ]);
  });

  it('removing the current video while paused moves to the next one, paused at 0', () => {
    const paused = step(playingThird(), { type: 'pause', userId: 'u1', time: 11 });
    const result = must(
      apply(paused, { type: 'removeVideo', userId: 'u1', index: 2, leadMs: 400 }, LATER),
    );
    expect(result.state.playback).toMatchObject({ playing: false, position: 0, updatedAt: LATER });
  });

  it('removing the current video near the front keeps the index, not the end of the queue', () => {
    let state = room({ videos: 5 });
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 1 });
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 1 }, LATER));

    expect(result.state.queue.map((item) => item.id)).toEqual([1, 3, 4, 5]);
    expect(result.state.currentVideoIndex).toBe(1);
    expect(itemAt(result.state, 1).id).toBe(3);
    expect(result.effects).toContainEqual({ type: 'update_index', index: 1 });
  });

  it('removing after the current video changes neither index nor playback', () => {
    const state = playingThird();
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 3 }, LATER));

    expect(result.state.queue.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(result.state.currentVideoIndex).toBe(2);
    expect(result.state.playback).toBe(state.playback);
    expect(result.effects).toEqual([
      {
        type: 'update_queue',
        queue: result.state.queue,
        change: { kind: 'item_removed', itemId: 4 },
      },
    ]);
  });

  it('removing the current video when it is the last one moves back to the new last', () => {
    let state = room({ videos: 3 });
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 2 });
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 2 }, LATER));

    expect(result.state.queue.map((item) => item.id)).toEqual([1, 2]);
    expect(result.state.currentVideoIndex).toBe(1);
    expect(result.effects).toContainEqual({ type: 'update_index', index: 1 });
  });

  it('removing the last remaining video empties the queue at index 0, stopped', () => {
    const state = step(room({ videos: 1 }), { type: 'play', userId: 'u1', time: 5 });
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 0 }, LATER));

    expect(result.state.queue).toEqual([]);
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toEqual({
      playing: false,
      position: 0,
      updatedAt: LATER,
      rate: 1,
      epoch: 2,
    });
    expect(result.effects.map((effect) => effect.type)).toEqual([
      'update_queue',
      'update_index',
      'player_state',
    ]);
    expect(refusal(apply(result.state, { type: 'play', userId: 'u1', time: 0 }, LATER)).code).toBe(
      ErrorCode.NO_VIDEO,
    );
  });

  it('keeps the playback rate when it stops playback', () => {
    const base = room({ videos: 2 });
    const state: RoomState = { ...base, playback: { ...base.playback, rate: 1.5 } };
    const result = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 0 }, LATER));
    expect(result.state.playback.rate).toBe(1.5);
  });

  it('removing the current video cancels a running countdown; removing another keeps it', () => {
    const state = step(room({ videos: 3 }), { type: 'requestCountdown', userId: 'u1' }, LATER);
    expect(state.countdownEndsAt).toBe(LATER + Limits.countdownSeconds * 1000);

    const other = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 1 }, LATER + 1));
    expect(other.state.countdownEndsAt).toBe(state.countdownEndsAt);
    expect(other.state.playback).toBe(state.playback);

    const current = must(apply(state, { type: 'removeVideo', userId: 'u1', index: 0 }, LATER + 1));
    expect(current.state).not.toHaveProperty('countdownEndsAt');
    // The party was about to start: the next clip starts instead, without the countdown.
    expect(current.state.playback).toMatchObject({
      playing: true,
      position: 0,
      updatedAt: LATER + 1,
    });
  });
});

describe('changeVideo', () => {
  it.each([
    ['index == length', 3],
    ['index > length', 4],
  ])('INDEX_OUT_OF_RANGE for %s', (_label, index) => {
    const result = apply(room({ videos: 3 }), { type: 'changeVideo', userId: 'u1', index }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.INDEX_OUT_OF_RANGE);
  });

  it('INDEX_OUT_OF_RANGE on an empty queue', () => {
    const result = apply(room(), { type: 'changeVideo', userId: 'u1', index: 0 }, LATER);
    expect(refusal(result).code).toBe(ErrorCode.INDEX_OUT_OF_RANGE);
  });

  it('NOT_IN_ROOM for someone who has not joined', () => {
    const result = apply(
      room({ videos: 3 }),
      { type: 'changeVideo', userId: 'x', index: 1 },
      LATER,
    );
    expect(refusal(result).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it('keeps a playing room playing: the chosen clip starts from 0, scheduled a lead ahead', () => {
    const state = step(room({ videos: 3 }), { type: 'play', userId: 'u1', time: 12 });
    const result = must(
      apply(state, { type: 'changeVideo', userId: 'u1', index: 2, leadMs: 450 }, LATER),
    );

    expect(result.state.currentVideoIndex).toBe(2);
    expect(result.state.queue).toBe(state.queue);
    expect(result.state.playback).toEqual({
      playing: true,
      position: 0,
      updatedAt: LATER + 450,
      rate: 1,
      epoch: 2,
    });
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.effects).toEqual([
      { type: 'update_index', index: 2 },
      {
        type: 'player_state',
        state: {
          playing: true,
          time: 0,
          updatedAt: LATER + 450,
          rate: 1,
          serverTime: LATER,
          currentVideoIndex: 2,
          itemId: 3,
          epoch: 2,
          loop: 'off',
          autoplay: true,
        },
      },
    ]);
    expect(result.reply).toEqual({ type: 'index', index: 2 });
  });

  it('a paused room stays paused, at 0 of the chosen clip', () => {
    const state = step(room({ videos: 3 }), { type: 'pause', userId: 'u1', time: 12 });
    const result = must(
      apply(state, { type: 'changeVideo', userId: 'u1', index: 1, leadMs: 450 }, LATER),
    );
    expect(result.state.playback).toEqual({
      playing: false,
      position: 0,
      updatedAt: LATER,
      rate: 1,
      epoch: 2,
    });
  });

  it('a room that played its clip to the end plays the chosen one', () => {
    const ended = step(withDuration(room({ videos: 2 }), 1, 6), {
      type: 'pause',
      userId: 'u1',
      time: 6,
    });
    const result = must(
      apply(ended, { type: 'changeVideo', userId: 'u1', index: 1, leadMs: 300 }, LATER),
    );
    expect(result.state.playback).toMatchObject({
      playing: true,
      position: 0,
      updatedAt: LATER + 300,
    });
  });

  it('restarts the current video when asked for the index already current', () => {
    const state = step(room({ videos: 2 }), { type: 'play', userId: 'u1', time: 12 });
    const result = must(apply(state, { type: 'changeVideo', userId: 'u1', index: 0 }, LATER));
    expect(result.state.currentVideoIndex).toBe(0);
    expect(result.state.playback).toEqual({
      playing: true,
      position: 0,
      updatedAt: LATER,
      rate: 1,
      epoch: 2,
    });
  });

  it('accepts the last valid index (length - 1)', () => {
    const result = must(
      apply(room({ videos: 3 }), { type: 'changeVideo', userId: 'u1', index: 2 }, LATER),
    );
    expect(result.state.currentVideoIndex).toBe(2);
  });

  it('keeps a known duration relevant: later seeks clamp to the new current video', () => {
    let state = withDuration(room({ videos: 2 }), 2, 20);
    state = step(state, { type: 'changeVideo', userId: 'u1', index: 1 });
    const result = must(apply(state, { type: 'seek', userId: 'u1', time: 500 }, LATER));
    expect(result.state.playback.position).toBe(20);
  });
});

describe('outcomes replace each other whole', () => {
  const good: ResolveOutcome = {
    ok: true,
    videoId: videoId(1),
    url: videoUrl(1),
    mp4Url: `/media/${videoId(1)}.mp4`,
    embedUrl: `https://www.tiktok.com/player/v1/${videoId(1)}`,
    title: 'First title',
  };
  const error = protocolError(ErrorCode.VIDEO_PRIVATE, 'This video is private.');

  it('a failure after a success leaves no playable mp4Url or stale title beside the error', () => {
    let state = step(room({ videos: 1 }), { type: 'videoResolved', itemId: 1, outcome: good });
    state = step(state, { type: 'videoResolved', itemId: 1, outcome: { ok: false, error } });
    const item = state.queue[0]!;
    expect(item.error).toEqual(error);
    expect(item.mp4Url).toBeUndefined();
    expect(item.title).toBeUndefined();
    expect(item.embedUrl).toBe(good.embedUrl);
  });

  it('retrying a video that resolved fine is a no-op', () => {
    const state = step(room({ videos: 1 }), { type: 'videoResolved', itemId: 1, outcome: good });
    const result = must(apply(state, { type: 'retryVideo', userId: 'u1', itemId: 1 }, T0));
    expect(result.state).toBe(state);
    expect(result.effects).toEqual([]);
  });
});

describe('indexes the edge should never let through', () => {
  it.each([-1, 0.5, Number.NaN])('removeVideo and changeVideo refuse %s', (index) => {
    const state = room({ videos: 2 });
    expect(refusal(apply(state, { type: 'removeVideo', userId: 'u1', index }, T0)).code).toBe(
      ErrorCode.INDEX_OUT_OF_RANGE,
    );
    expect(refusal(apply(state, { type: 'changeVideo', userId: 'u1', index }, T0)).code).toBe(
      ErrorCode.INDEX_OUT_OF_RANGE,
    );
  });
});
