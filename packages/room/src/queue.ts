import { embedPlayerUrl, ErrorCode, Limits, parseTikTokUrl, type VideoItem } from '@wt/protocol';
import { findMember } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import type { ApplyResult, Effect, ResolveOutcome, RoomState } from './types.js';

function stopped(state: RoomState, now: number): RoomState['playback'] {
  return { playing: false, position: 0, updatedAt: now, rate: state.playback.rate };
}

export function addVideo(state: RoomState, userId: string, url: string, now: number): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const parsed = parseTikTokUrl(url);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { link } = parsed;
  if (link.kind === 'photo') {
    return fail(ErrorCode.NOT_A_VIDEO, 'That is a photo post, not a video.');
  }
  if (state.queue.length >= Limits.queueMaxLength) {
    return fail(ErrorCode.QUEUE_FULL, `The queue is full (${Limits.queueMaxLength} videos).`);
  }
  const item: VideoItem = {
    id: state.nextVideoId,
    url: link.kind === 'video' ? link.canonicalUrl : link.url,
    addedBy: member.name,
    addedAt: new Date(now).toISOString(),
    isProcessing: true,
  };
  if (link.kind === 'video') {
    item.videoId = link.id;
    item.embedUrl = embedPlayerUrl(link.id);
  }
  const next: RoomState = {
    ...state,
    lastActivity: now,
    nextVideoId: state.nextVideoId + 1,
    queue: [...state.queue, item],
  };
  return ok(
    next,
    [
      { type: 'update_queue', queue: next.queue },
      { type: 'resolveVideo', itemId: item.id, url: item.url },
    ],
    { type: 'item', item },
  );
}

function withOutcome(item: VideoItem, outcome: ResolveOutcome): VideoItem {
  const { isProcessing: _processing, error: _error, ...rest } = item;
  if (!outcome.ok) {
    const embedUrl = outcome.embedUrl ?? item.embedUrl;
    return {
      ...rest,
      isProcessing: false,
      error: outcome.error,
      ...(embedUrl ? { embedUrl } : {}),
    };
  }
  const resolved: VideoItem = {
    ...rest,
    isProcessing: false,
    url: outcome.url,
    videoId: outcome.videoId,
    embedUrl: outcome.embedUrl,
  };
  if (outcome.mp4Url !== undefined) resolved.mp4Url = outcome.mp4Url;
  if (outcome.title !== undefined) resolved.title = outcome.title;
  if (outcome.author !== undefined) resolved.author = outcome.author;
  if (outcome.thumbnailUrl !== undefined) resolved.thumbnailUrl = outcome.thumbnailUrl;
  if (outcome.duration !== undefined) resolved.duration = outcome.duration;
  if (outcome.width !== undefined) resolved.width = outcome.width;
  if (outcome.height !== undefined) resolved.height = outcome.height;
  return resolved;
}

/** The resolver finished; an item removed in the meantime is simply gone. */
export function videoResolved(
  state: RoomState,
  itemId: number,
  outcome: ResolveOutcome,
  now: number,
): ApplyResult {
  const target = state.queue.find((item) => item.id === itemId);
  if (!target) return ok(state);
  const queue = state.queue.map((item) => (item.id === itemId ? withOutcome(item, outcome) : item));
  const next = { ...state, queue, lastActivity: now };
  return ok(next, [{ type: 'update_queue', queue }]);
}

export function retryVideo(
  state: RoomState,
  userId: string,
  itemId: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const target = state.queue.find((item) => item.id === itemId);
  if (!target) return fail(ErrorCode.NOT_FOUND, 'That video is no longer in the queue.');
  if (target.isProcessing) return ok(state, [], { type: 'item', item: target });
  const { error: _error, ...rest } = target;
  const item: VideoItem = { ...rest, isProcessing: true };
  const queue = state.queue.map((entry) => (entry.id === itemId ? item : entry));
  const next = { ...state, queue, lastActivity: now };
  return ok(
    next,
    [
      { type: 'update_queue', queue },
      { type: 'resolveVideo', itemId, url: item.url },
    ],
    { type: 'item', item },
  );
}

export function removeVideo(
  state: RoomState,
  userId: string,
  index: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (index >= state.queue.length) {
    return fail(ErrorCode.INDEX_OUT_OF_RANGE, `There is no video at position ${index + 1}.`);
  }
  const queue = state.queue.filter((_, i) => i !== index);
  const current = state.currentVideoIndex;
  const effects: Effect[] = [{ type: 'update_queue', queue }];
  let next: RoomState = { ...state, queue, lastActivity: now };
  if (index < current) {
    next = { ...next, currentVideoIndex: current - 1 };
    effects.push({ type: 'update_index', index: current - 1 });
  } else if (index === current) {
    const nextIndex = Math.min(current, Math.max(0, queue.length - 1));
    next = { ...next, currentVideoIndex: nextIndex, playback: stopped(state, now) };
    delete next.countdownEndsAt;
    effects.push({ type: 'update_index', index: nextIndex });
    effects.push({ type: 'player_state', state: playerStateOf(next, now) });
  }
  return ok(next, effects, { type: 'queue', queue });
}

export function changeVideo(
  state: RoomState,
  userId: string,
  index: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (index >= state.queue.length) {
    return fail(ErrorCode.INDEX_OUT_OF_RANGE, `There is no video at position ${index + 1}.`);
  }
  const next: RoomState = {
    ...state,
    lastActivity: now,
    currentVideoIndex: index,
    playback: stopped(state, now),
  };
  delete next.countdownEndsAt;
  return ok(
    next,
    [
      { type: 'update_index', index },
      { type: 'player_state', state: playerStateOf(next, now) },
    ],
    { type: 'index', index },
  );
}
