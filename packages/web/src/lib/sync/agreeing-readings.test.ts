import { describe, expect, it } from 'vitest';
import { AgreeingReadings } from './agreeing-readings';

const BAND = 0.004;

describe('AgreeingReadings', () => {
  it('gives the smaller of two readings in a row outside the dead band on one side', () => {
    const readings = new AgreeingReadings();
    expect(readings.agreed(0, 0.006, BAND)).toBeUndefined();
    expect(readings.agreed(50, 0.005, BAND)).toBe(0.005);
    expect(readings.agreed(100, -0.008, BAND)).toBeUndefined();
    expect(readings.agreed(150, -0.009, BAND)).toBe(-0.008);
  });

  it('gives nothing for a stray reading between quiet ones, readings far apart, or after a reset', () => {
    const readings = new AgreeingReadings();
    readings.agreed(0, 0.001, BAND);
    expect(readings.agreed(50, 0.0046, BAND)).toBeUndefined();
    expect(readings.agreed(100, 0.001, BAND)).toBeUndefined();
    readings.agreed(150, 0.006, BAND);
    expect(readings.agreed(400, 0.006, BAND)).toBeUndefined();
    readings.reset();
    expect(readings.agreed(450, 0.006, BAND)).toBeUndefined();
  });
});
