import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncReports, type SyncReportFields } from './sync-reports';

describe('SyncReports', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends each report, statuses throttled, and everything again for a new connection', () => {
    const sent: SyncReportFields[] = [];
    const reports = new SyncReports(
      (fields) => sent.push(fields),
      () => Date.now(),
    );
    reports.rtt(42.123);
    reports.ready(7);
    reports.ready(7);
    reports.status('buffering');
    reports.status('in_sync');
    reports.preloaded(3);
    expect(sent).toEqual([
      { rttMs: 42.1 },
      { readyEpoch: 7 },
      { status: 'buffering' },
      { preloadedItemId: 3 },
    ]);
    vi.advanceTimersByTime(250);
    expect(sent.at(-1)).toEqual({ status: 'in_sync' });
    sent.length = 0;
    reports.resendAll();
    expect(sent).toEqual([
      { rttMs: 42.1, readyEpoch: 7, preloadedItemId: 3 },
      { status: 'in_sync' },
    ]);
  });
});
