import { SyncStatus } from '@wt/protocol';
import type { SyncTuning } from './tuning';

/** What the player knows about itself, for the status it shows and reports. */
export interface StatusInput {
  /** The browser refused to play until the person taps. */
  blocked: boolean;
  /** The room's frame cannot be shown yet: loading, seeking, stalled. */
  waitingForMedia: boolean;
  /** A start of its own is under way to get back to the room. */
  restarting: boolean;
  /** Seconds behind the room (negative: ahead), when measured. */
  error: number | undefined;
}

export function syncStatusOf(input: StatusInput, tuning: SyncTuning): SyncStatus {
  if (input.blocked) return SyncStatus.needsTap;
  if (input.waitingForMedia) return SyncStatus.buffering;
  if (input.restarting) return SyncStatus.catchingUp;
  if (input.error !== undefined && Math.abs(input.error) > tuning.catchingUpAbove) {
    return SyncStatus.catchingUp;
  }
  return SyncStatus.inSync;
}
