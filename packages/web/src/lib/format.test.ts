import { describe, expect, it } from 'vitest';
import { formatClockTime, formatDuration, formatFullTime } from './format';

describe('format', () => {
  it('shows durations as m:ss, or h:mm:ss from an hour', () => {
    expect(formatDuration(65.9)).toBe('1:05');
    expect(formatDuration(3_725)).toBe('1:02:05');
    expect(formatDuration(-3)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });

  it('shows the clock time and the full time as the Date methods do, again and again', () => {
    const iso = '2026-12-01T14:05:09.000Z';
    const date = new Date(iso);
    const clock = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    // The second call uses the formatter the first one made.
    expect([formatClockTime(iso), formatClockTime(iso)]).toEqual([clock, clock]);
    expect(formatFullTime(iso)).toBe(date.toLocaleString());
    expect(formatClockTime('2026-12-01T15:30:00.000Z')).toBe(
      new Date('2026-12-01T15:30:00.000Z').toLocaleTimeString([], {
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
  });

  it('shows nothing for a timestamp it cannot read', () => {
    expect(formatClockTime('yesterday-ish')).toBe('');
    expect(formatFullTime('yesterday-ish')).toBe('');
  });
});
