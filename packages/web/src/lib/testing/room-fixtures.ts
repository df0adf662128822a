import type { PlayerStatePayload, VideoItem } from '@wt/protocol';

/** A queue item whose media is `/media/<id>.mp4`. */
export const queueItem = (id: number): VideoItem => ({
  id,
  url: `https://www.tiktok.com/@a/video/7700000000000000${id}`,
  addedBy: 'Ana',
  addedAt: '2026-01-01T00:00:00.000Z',
  mp4Url: `/media/${id}.mp4`,
});

/** The room's player at server time `now`: paused on item 1's start unless `extra` says else. */
export const playerState = (
  now: number,
  extra: Partial<PlayerStatePayload>,
): PlayerStatePayload => ({
  playing: false,
  time: 0,
  updatedAt: now,
  rate: 1,
  serverTime: now,
  currentVideoIndex: 0,
  itemId: 1,
  epoch: 1,
  loop: 'off',
  autoplay: true,
  ...extra,
});
