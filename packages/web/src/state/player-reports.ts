import { ErrorCode, type InboundEvent, type OutboundPayloadInput } from '@wt/protocol';
import type { EngineReports } from '../lib/sync/engine';
import type { CommandResult } from './room-commands';
import { SyncReports, type SyncReportFields } from './sync-reports';

/** What the player's reports need from the room session. */
export interface ReportChannel {
  readonly roomId: string;
  /** In the room on the current connection: reports may be sent. */
  inRoom(): boolean;
  request<E extends InboundEvent>(event: E, payload: OutboundPayloadInput<E>): CommandResult<E>;
  /** The local clock (ms) the status throttle runs on. */
  localNow(): number;
  /** The server no longer has us in the room: join again (which resends everything). */
  rejoin(): void;
}

/**
 * What the player tells the server about itself: `sync_report` (through `SyncReports`),
 * clip lengths read here (`media_duration`, once each) and clip ends (`video_ended`).
 * Nothing goes out while we are not in the room; `resendAll` says it all again on entry.
 */
export class PlayerReports {
  /** The sync engine's `reports`. */
  readonly reports: EngineReports;
  private readonly syncReports: SyncReports;
  /** Clip lengths read here, sent once each (again after a reconnect if not yet sent). */
  private readonly durations = new Map<number, { seconds: number; sent: boolean }>();

  constructor(private readonly channel: ReportChannel) {
    this.syncReports = new SyncReports(
      (fields) => {
        this.sendReport(fields);
      },
      () => channel.localNow(),
    );
    this.reports = {
      ready: (epoch) => {
        this.syncReports.ready(epoch);
      },
      preloaded: (itemId) => {
        this.syncReports.preloaded(itemId);
      },
      status: (status) => {
        this.syncReports.status(status);
      },
      duration: (itemId, seconds) => {
        this.durations.set(itemId, { seconds, sent: false });
        this.sendDurations();
      },
      ended: (itemId) => {
        if (!channel.inRoom()) return;
        // A fallback for the server's own timer; whether it advanced, the next
        // `player_state` tells everyone, so the acknowledgement needs no handling.
        void channel.request('video_ended', { roomId: channel.roomId, itemId });
      },
    };
  }

  /** The clock's best round trip, for the server's start lead. */
  rtt(ms: number): void {
    this.syncReports.rtt(ms);
  }

  /** Back in the room on this connection: the server hears everything about our player. */
  resendAll(): void {
    this.syncReports.resendAll();
    for (const entry of this.durations.values()) entry.sent = false;
    this.sendDurations();
  }

  dispose(): void {
    this.syncReports.dispose();
  }

  private sendReport(fields: SyncReportFields): void {
    const { channel } = this;
    if (!channel.inRoom()) return; // Said again in full once we are back in the room.
    void channel.request('sync_report', { roomId: channel.roomId, ...fields }).then((result) => {
      // A refusal (rate limit, timeout) is not retried on its own: the next report, or the
      // full resend after a join, carries the latest state. Only a server that no longer
      // has us in the room needs more: we join again (which resends everything).
      if (!result.ok && result.error.code === ErrorCode.NOT_IN_ROOM && channel.inRoom()) {
        channel.rejoin();
      }
    });
  }

  private sendDurations(): void {
    const { channel } = this;
    if (!channel.inRoom()) return;
    for (const [itemId, entry] of this.durations) {
      if (entry.sent) continue;
      entry.sent = true;
      void channel
        .request('media_duration', { roomId: channel.roomId, itemId, duration: entry.seconds })
        .then((result) => {
          // Refused only when the clip left the queue or is already known: nothing to redo.
          if (!result.ok && result.error.code === ErrorCode.TIMEOUT) entry.sent = false;
        });
    }
  }
}
