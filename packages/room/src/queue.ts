import { embedPlayerUrl, ErrorCode, Limits, parseTikTokUrl, type VideoItem } from '@wt/protocol';
import { decide, startAt } from './decision.js';
import { findMember } from './members.js';
import { fail, ok } from './result.js';
import { playerStateOf } from './state.js';
import { isStoppedAtEnd } from './timeline.js';
import type { ApplyResult, Effect, ResolveOutcome, RoomState } from './types.js';

/** The core checks indexes itself too, whatever the edge let through. */
function isQueueIndex(state: RoomState, index: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < state.queue.length;
}

/**
 * The room moved to another clip: it starts from 0, scheduled `leadMs` ahead, if the
 * room was playing (or had played its clip to the end); otherwise it waits, paused.
 */
function startOther(
  state: RoomState,
  moved: RoomState,
  now: number,
  leadMs: number | undefined,
): RoomState {
  const keepPlaying = state.playback.playing || isStoppedAtEnd(state);
  return decide(moved, {
    playing: keepPlaying,
    position: 0,
    updatedAt: keepPlaying ? startAt(now, leadMs) : now,
  });
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
      { type: 'update_queue', queue: next.queue, change: { kind: 'item_added', item } },
      { type: 'resolveVideo', itemId: item.id, url: item.url },
    ],
    { type: 'item', item },
  );
}

/** A queue entry as it was added: what stays true whatever the resolver says. */
function basics(item: VideoItem): VideoItem {
  const base: VideoItem = {
    id: item.id,
    url: item.url,
    addedBy: item.addedBy,
    addedAt: item.addedAt,
  };
  if (item.videoId !== undefined) base.videoId = item.videoId;
  if (item.embedUrl !== undefined) base.embedUrl = item.embedUrl;
  return base;
}

/** The item after a resolve: nothing from an earlier outcome survives a newer one. */
function withOutcome(item: VideoItem, outcome: ResolveOutcome): VideoItem {
  const base = basics(item);
  if (!outcome.ok) {
    const failed: VideoItem = { ...base, isProcessing: false, error: outcome.error };
    if (outcome.embedUrl !== undefined) failed.embedUrl = outcome.embedUrl;
    return failed;
  }
  const resolved: VideoItem = {
    ...base,
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
  leadMs?: number,
): ApplyResult {
  const target = state.queue.find((item) => item.id === itemId);
  if (!target) return ok(state);
  const updated = withOutcome(target, outcome);
  const queue = state.queue.map((item) => (item.id === itemId ? updated : item));
  let next: RoomState = { ...state, queue, lastActivity: now };
  const effects: Effect[] = [
    { type: 'update_queue', queue, change: { kind: 'item_updated', item: updated } },
  ];
  // The room was "playing" a clip nobody could load yet: start it properly, from 0.
  const wasWaiting = state.queue[state.currentVideoIndex]?.id === itemId && target.isProcessing;
  if (wasWaiting === true && state.playback.playing) {
    next = decide(next, { playing: true, position: 0, updatedAt: startAt(now, leadMs) });
    effects.push({ type: 'player_state', state: playerStateOf(next, now) });
  }
  return ok(next, effects);
}

/**
 * A player read the clip's real length from its metadata. The first plausible report
 * wins (TikTok's own figure, when known, bounds what is plausible); the end of the clip,
 * and so the announced start of the next one, is timed with it.
 */
export function reportDuration(
  state: RoomState,
  userId: string,
  itemId: number,
  duration: number,
  now: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const index = state.queue.findIndex((item) => item.id === itemId);
  const target = state.queue[index];
  if (!target) return fail(ErrorCode.NOT_FOUND, 'That video is no longer in the queue.');
  const rough = target.duration;
  const plausible =
    rough === undefined || rough <= 0 || Math.abs(duration - rough) <= Math.max(2, rough * 0.2);
  if (target.mediaDuration !== undefined || !plausible) {
    return ok(state, [], { type: 'accepted', accepted: false });
  }
  const queue = state.queue.map((item) =>
    item.id === itemId ? { ...item, mediaDuration: duration } : item,
  );
  const next: RoomState = { ...state, queue };
  // Only the current clip's length moves an announced end; later clips are timed when they play.
  const effects: Effect[] =
    index === state.currentVideoIndex
      ? [{ type: 'player_state', state: playerStateOf(next, now) }]
      : [];
  return ok(next, effects, { type: 'accepted', accepted: true });
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
  // Only a failed item is worth another try; a processing or playable one stays as it is.
  if (target.isProcessing || !target.error) return ok(state, [], { type: 'item', item: target });
  const { error: _error, ...rest } = target;
  const item: VideoItem = {
    ...rest,
    isProcessing: true,
    resolvingSince: new Date(now).toISOString(),
  };
  const queue = state.queue.map((entry) => (entry.id === itemId ? item : entry));
  const next = { ...state, queue, lastActivity: now };
  return ok(
    next,
    [
      { type: 'update_queue', queue, change: { kind: 'item_updated', item } },
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
  leadMs?: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (!isQueueIndex(state, index)) {
    return fail(ErrorCode.INDEX_OUT_OF_RANGE, `There is no video at position ${index + 1}.`);
  }
  const removed = state.queue[index];
  const queue = state.queue.filter((_, i) => i !== index);
  const current = state.currentVideoIndex;
  const effects: Effect[] = removed
    ? [{ type: 'update_queue', queue, change: { kind: 'item_removed', itemId: removed.id } }]
    : [];
  let next: RoomState = { ...state, queue, lastActivity: now };
  if (index < current) {
    next = { ...next, currentVideoIndex: current - 1 };
    effects.push({ type: 'update_index', index: current - 1 });
  } else if (index === current) {
    const nextIndex = Math.min(current, Math.max(0, queue.length - 1));
    const moved = { ...next, currentVideoIndex: nextIndex };
    next =
      queue.length > 0
        ? startOther(state, moved, now, leadMs)
        : decide(moved, { playing: false, position: 0, updatedAt: now });
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
  leadMs?: number,
): ApplyResult {
  if (!findMember(state, userId)) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  if (!isQueueIndex(state, index)) {
    return fail(ErrorCode.INDEX_OUT_OF_RANGE, `There is no video at position ${index + 1}.`);
  }
  const moved: RoomState = { ...state, lastActivity: now, currentVideoIndex: index };
  const next = startOther(state, moved, now, leadMs);
  return ok(
    next,
    [
      { type: 'update_index', index },
      { type: 'player_state', state: playerStateOf(next, now) },
    ],
    { type: 'index', index },
  );
}
