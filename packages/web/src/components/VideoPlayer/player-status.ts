import type { PlaybackTarget } from '../../lib/playback-sync';
import type { PlayerSource } from './player-source';

/** The one-line state under the video (`player-status`). */
export function playerStatus(
  source: PlayerSource,
  target: PlaybackTarget | undefined,
  buffering: boolean,
): { text: string; busy: boolean } {
  switch (source.kind) {
    case 'empty':
      return { text: 'No video', busy: false };
    case 'processing':
      return { text: 'Resolving video…', busy: true };
    case 'unplayable':
      return { text: 'Can’t play this video', busy: false };
    case 'mp4':
    case 'embed':
      break;
  }
  if (!target) return { text: 'Paused', busy: false };
  if (target.scheduled) return { text: 'Starting…', busy: false };
  if (target.ended) return { text: 'Ended', busy: false };
  if (target.playing) return { text: 'Playing', busy: buffering };
  return { text: 'Paused', busy: false };
}
