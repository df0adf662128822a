import type { PlayerStatePayload } from '@wt/protocol';
import type { ServerClock } from '../../lib/clock';
import type { DurationOf } from '../../lib/playback-sync';
import type { EngineReports } from '../../lib/sync/engine';

/** What the TikTok Embed Player needs to follow the room like our own `<video>` does. */
export interface SyncedPlayerOptions {
  player: PlayerStatePayload | undefined;
  clock: ServerClock;
  muted: boolean;
  durationOf: DurationOf;
  onDuration: (seconds: number) => void;
  onBlocked: () => void;
  onPlaying: () => void;
  reports: Pick<EngineReports, 'ready' | 'status'>;
}
