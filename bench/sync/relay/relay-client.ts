import type { ClientToServerEvents, ServerToClientEvents, VideoItem } from '@wt/protocol';
import type { io as ioLookup, Socket } from 'socket.io-client';

export interface RelayConfig {
  /** How often the position is checked against the last state, ms. */
  checkEveryMs: number;
  /** Seek only when further off than this, seconds. */
  seekBeyondSeconds: number;
}

/**
 * The baseline: a seed-style client, run in the relay page (`?room=&user=` in its URL).
 * It joins as a seed client (no protocol version), plays the current item's `mp4Url`,
 * applies `player_state {playing, time}` the moment it arrives (seek to `time` and play,
 * or pause), and every second seeks if it is more than 2 s off `time` plus the time since
 * that state arrived. No clock sync, no scheduling. `window.__wtRelay` offers the
 * controls a person would use (they act locally at once, then tell the room).
 */
export function runRelayClient(config: RelayConfig, io: typeof ioLookup): void {
  const params = new URLSearchParams(location.search);
  const roomId = params.get('room') ?? '';
  const userId = params.get('user') ?? '';
  const element = document.querySelector('video');
  if (!(element instanceof HTMLVideoElement)) throw new Error('the relay page has no <video>');
  const video = element;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
  let queue: VideoItem[] = [];
  let index = 0;
  let last = { playing: false, time: 0, at: Date.now() };

  const fail = (what: string) => (error: unknown) => {
    console.error(`relay: ${what} failed`, error);
  };
  const refused = (what: string) => (response: { ok: boolean }) => {
    if (!response.ok) console.error(`relay: ${what} refused`, JSON.stringify(response));
  };
  const load = (): void => {
    const url = queue[index]?.mp4Url;
    if (url !== undefined && video.getAttribute('src') !== url) video.src = url;
  };
  const apply = (playing: boolean, time: number): void => {
    last = { playing, time, at: Date.now() };
    if (playing) {
      video.currentTime = time;
      video.play().catch(fail('play'));
    } else {
      video.pause();
    }
  };

  socket.on('connect', () => {
    socket.emit('join_room', { roomId, userId }, refused('join_room'));
  });
  socket.on('room_state', (room) => {
    queue = room.queue;
    index = room.currentVideoIndex;
    load();
    apply(room.playing, room.currentTime);
  });
  socket.on('update_queue', (next) => {
    queue = next;
    load();
  });
  socket.on('update_index', (next) => {
    index = next;
    load();
  });
  socket.on('player_state', (state) => {
    apply(state.playing, state.time);
  });
  socket.on('player_seek', (time) => {
    video.currentTime = time;
  });

  setInterval(() => {
    if (video.readyState < HTMLMediaElement.HAVE_METADATA) return;
    const expected = last.playing ? last.time + (Date.now() - last.at) / 1000 : last.time;
    if (Math.abs(video.currentTime - expected) > config.seekBeyondSeconds) {
      video.currentTime = expected;
    }
  }, config.checkEveryMs);

  Object.defineProperty(window, '__wtRelay', {
    value: {
      play: () => {
        video.play().catch(fail('play'));
        socket.emit('player_play', { roomId, time: video.currentTime }, refused('player_play'));
      },
      pause: () => {
        video.pause();
        socket.emit('player_pause', { roomId, time: video.currentTime }, refused('player_pause'));
      },
    },
  });
}
