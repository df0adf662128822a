import type { PlayerStatePayload } from '@wt/protocol';
import type { ServerClock } from '../../lib/clock';

/** What every player (our `<video>`, the TikTok embed) needs to follow the room. */
export interface SyncedPlayerOptions {
  player: PlayerStatePayload | undefined;
  clock: ServerClock;
  muted: boolean;
  duration: number | undefined;
  onDuration: (seconds: number) => void;
  onBlocked: () => void;
  onPlaying: () => void;
}
