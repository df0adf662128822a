import type { ProtocolError, VideoItem } from '@wt/protocol';
import { apply, createRoom, type ApplyResult, type Command, type RoomState } from '../src/index.js';

/** A fixed clock origin: 2026-01-01T00:00:00.000Z. Tests move time forward from here. */
export const T0 = Date.UTC(2026, 0, 1);

export type Applied = Extract<ApplyResult, { ok: true }>;

/** The success branch of a result; fails the test with the refusal otherwise. */
export function must(result: ApplyResult): Applied {
  if (!result.ok) {
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  }
  return result;
}

/** The error of a refused command; fails the test if the command succeeded. */
export function refusal(result: ApplyResult): ProtocolError {
  if (result.ok) throw new Error(`expected a refusal, got success (reply ${result.reply.type})`);
  return result.error;
}

/** Applies a command that must succeed and returns the new state. */
export function step(state: RoomState, command: Command, now = T0): RoomState {
  return must(apply(state, command, now)).state;
}

/** Applies commands in order, all at `now`. */
export function run(state: RoomState, commands: readonly Command[], now = T0): RoomState {
  return commands.reduce((current, command) => step(current, command, now), state);
}

/** A distinct 19-digit TikTok video id for each `n`. */
export function videoId(n: number): string {
  return `7${String(n).padStart(18, '0')}`;
}

/** A canonical TikTok video link for `videoId(n)`. */
export function videoUrl(n: number, handle = 'creator'): string {
  return `https://www.tiktok.com/@${handle}/video/${videoId(n)}`;
}

export interface RoomOptions {
  /** Member names; their ids are `u1`, `u2`, ... */
  members?: readonly string[];
  /** How many videos `u1` adds (needs at least one member). */
  videos?: number;
  now?: number;
}

/** A room built through `apply` itself, so every state it returns is reachable. */
export function room({ members = ['Alice'], videos = 0, now = T0 }: RoomOptions = {}): RoomState {
  let state = createRoom('room-1', now);
  members.forEach((name, i) => {
    state = step(state, { type: 'join', userId: `u${i + 1}`, name }, now);
  });
  for (let n = 1; n <= videos; n++) {
    state = step(state, { type: 'addVideo', userId: 'u1', url: videoUrl(n) }, now);
  }
  return state;
}

/** The queue entry at `index`; fails the test if there is none. */
export function itemAt(state: RoomState, index: number): VideoItem {
  const item = state.queue[index];
  if (!item) throw new Error(`no queue item at ${index}`);
  return item;
}

/** Sets a known duration on a queue item the way the resolver would. */
export function withDuration(state: RoomState, itemId: number, duration: number): RoomState {
  const item = state.queue.find((entry) => entry.id === itemId);
  if (!item?.videoId) throw new Error(`no video item ${itemId}`);
  return step(state, {
    type: 'videoResolved',
    itemId,
    outcome: {
      ok: true,
      videoId: item.videoId,
      url: item.url,
      mp4Url: `/media/${item.videoId}.mp4`,
      embedUrl: `https://www.tiktok.com/player/v1/${item.videoId}`,
      duration,
    },
  });
}

/** Freezes a value and everything reachable from it, so any write throws (ESM is strict). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze(Reflect.get(value, key));
    }
  }
  return value;
}
