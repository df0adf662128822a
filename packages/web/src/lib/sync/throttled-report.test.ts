import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledReport } from './throttled-report';

describe('ThrottledReport', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends changes at once, then at most every interval, always the latest', () => {
    const sent: string[] = [];
    const report = new ThrottledReport<string>(
      (v) => sent.push(v),
      250,
      () => Date.now(),
    );
    report.set('buffering');
    report.set('buffering');
    expect(sent).toEqual(['buffering']);
    vi.advanceTimersByTime(50);
    report.set('catching_up');
    report.set('in_sync');
    expect(sent).toEqual(['buffering']);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual(['buffering', 'in_sync']);
  });

  it('sends nothing when a flicker ends where it started', () => {
    const sent: string[] = [];
    const report = new ThrottledReport<string>(
      (v) => sent.push(v),
      250,
      () => Date.now(),
    );
    report.set('in_sync');
    report.set('catching_up');
    report.set('in_sync');
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(['in_sync']);
  });

  it('sends the latest again for a new connection', () => {
    const sent: string[] = [];
    const report = new ThrottledReport<string>(
      (v) => sent.push(v),
      250,
      () => Date.now(),
    );
    report.set('in_sync');
    vi.advanceTimersByTime(1_000);
    report.resend();
    expect(sent).toEqual(['in_sync', 'in_sync']);
  });
});
