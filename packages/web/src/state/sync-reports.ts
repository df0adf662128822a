import type { OutboundPayloadInput, SyncStatus } from '@wt/protocol';
import { browserTimers, type Timers } from '../lib/sync/instant-timer';
import { ThrottledReport } from '../lib/sync/throttled-report';

export type SyncReportFields = Omit<OutboundPayloadInput<'sync_report'>, 'roomId'>;

/** At most this many status reports per second (the latest always goes out). */
const STATUS_INTERVAL_MS = 250;

/**
 * What this connection's player tells the server about itself (`sync_report`): the
 * clock's round trip, readiness for a start, the preloaded next clip, its status. The
 * server keeps these per connection, so after a new connection everything is said again.
 */
export class SyncReports {
  private readonly last: SyncReportFields = {};
  private readonly statusReport: ThrottledReport<SyncStatus>;

  constructor(
    private readonly send: (fields: SyncReportFields) => void,
    now: () => number,
    timers: Timers = browserTimers,
  ) {
    this.statusReport = new ThrottledReport(
      (status) => {
        this.report({ status });
      },
      STATUS_INTERVAL_MS,
      now,
      timers,
    );
  }

  rtt(rttMs: number): void {
    this.report({ rttMs: Math.round(rttMs * 10) / 10 });
  }

  ready(epoch: number): void {
    if (this.last.readyEpoch !== epoch) this.report({ readyEpoch: epoch });
  }

  preloaded(itemId: number): void {
    if (this.last.preloadedItemId !== itemId) this.report({ preloadedItemId: itemId });
  }

  status(status: SyncStatus): void {
    this.statusReport.set(status);
  }

  /** A new connection: the server knows nothing of us yet. */
  resendAll(): void {
    const { rttMs, readyEpoch, preloadedItemId } = this.last;
    const fields: SyncReportFields = {};
    if (rttMs !== undefined) fields.rttMs = rttMs;
    if (readyEpoch !== undefined) fields.readyEpoch = readyEpoch;
    if (preloadedItemId !== undefined) fields.preloadedItemId = preloadedItemId;
    if (Object.keys(fields).length > 0) this.send(fields);
    this.statusReport.resend();
  }

  dispose(): void {
    this.statusReport.dispose();
  }

  private report(fields: SyncReportFields): void {
    Object.assign(this.last, fields);
    this.send(fields);
  }
}
