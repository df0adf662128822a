import type { SyncStatus } from '@wt/protocol';
import type { EffectivePlayback } from '../../lib/playback-sync';
import type { PlayerSource } from './player-source';

/** The one-line state under the video (`player-status`). */
export function playerStatus(
  source: PlayerSource,
  playback: EffectivePlayback | undefined,
  sync: SyncStatus | undefined,
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
  if (!playback) return { text: 'Paused', busy: false };
  if (playback.scheduled) {
    // Who is awaited is said over the clip; the line under it stays short.
    return { text: playback.gate === 'held' ? 'Waiting…' : 'Starting…', busy: true };
  }
  if (playback.ended) return { text: 'Ended', busy: false };
  if (!playback.running) return { text: 'Paused', busy: false };
  // Loading or catching up shows as the spinner; the words stay what the room does.
  return { text: 'Playing', busy: sync === 'buffering' || sync === 'catching_up' };
}
