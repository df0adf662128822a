import { describe, expect, it } from 'vitest';
import { AgreeingReadings, SMALL_ERROR_HOLD_MS } from './agreeing-readings';

const BAND = 0.004;

/** Readings every 50 ms from `from`, each giving `error`; what the last one answered. */
function readFor(readings: AgreeingReadings, from: number, ms: number, error: number) {
  let answer: number | undefined;
  for (let at = from; at <= from + ms; at += 50) answer = readings.agreed(at, error, BAND);
  return answer;
}

describe('AgreeingReadings', () => {
  it('gives the smaller of two readings in a row of a large error on one side', () => {
    const readings = new AgreeingReadings();
    expect(readings.agreed(0, 0.016, BAND)).toBeUndefined();
    expect(readings.agreed(50, 0.015, BAND)).toBe(0.015);
    expect(readings.agreed(100, -0.018, BAND)).toBeUndefined();
    expect(readings.agreed(150, -0.019, BAND)).toBe(-0.018);
  });

  it('gives what a start or a pulse left after two readings, small or not', () => {
    const readings = new AgreeingReadings();
    expect(readings.agreed(0, 0.006, BAND)).toBeUndefined();
    expect(readings.agreed(50, 0.005, BAND)).toBe(0.005);
    readings.reset();
    expect(readings.agreed(100, -0.005, BAND)).toBeUndefined();
    expect(readings.agreed(150, -0.0045, BAND)).toBe(-0.0045);
  });

  it('gives a small error that appears on the frame of the room only once it lasted a second', () => {
    const readings = new AgreeingReadings();
    readings.agreed(0, 0.001, BAND);
    expect(readings.agreed(50, 0.006, BAND)).toBeUndefined();
    expect(readings.agreed(100, 0.005, BAND)).toBeUndefined();
    expect(readFor(readings, 150, SMALL_ERROR_HOLD_MS - 150, 0.006)).toBeUndefined();
    expect(readings.agreed(SMALL_ERROR_HOLD_MS + 50, 0.007, BAND)).toBe(0.005);
  });

  it('never answers a small error that comes and goes within the second (the clock moving and back)', () => {
    const readings = new AgreeingReadings();
    readFor(readings, 0, 500, 0.001);
    expect(readFor(readings, 550, 500, 0.0045)).toBeUndefined();
    expect(readFor(readings, 1_100, 500, -0.0045)).toBeUndefined();
    expect(readFor(readings, 1_650, 2_000, 0.001)).toBeUndefined();
  });

  it('gives nothing for a stray reading between quiet ones, readings far apart, or after a reset', () => {
    const readings = new AgreeingReadings();
    readings.agreed(0, 0.001, BAND);
    expect(readings.agreed(50, 0.0146, BAND)).toBeUndefined();
    expect(readings.agreed(100, 0.001, BAND)).toBeUndefined();
    readings.agreed(150, 0.016, BAND);
    expect(readings.agreed(400, 0.016, BAND)).toBeUndefined();
    readings.reset();
    expect(readings.agreed(450, 0.016, BAND)).toBeUndefined();
    expect(readings.agreed(500, 0.016, BAND)).toBe(0.016);
  });
});
