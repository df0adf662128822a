import { describe, expect, it } from 'vitest';
import { StartLatency } from './start-latency';

describe('StartLatency', () => {
  it('takes the first measurement as it is, then smooths the next ones', () => {
    const latency = new StartLatency(0);
    latency.learn(80);
    expect(latency.ms).toBe(80);
    latency.learn(-20); // released 80 ms early, it ran 20 ms ahead: the lag was 60
    expect(latency.ms).toBe(70);
    latency.learn(10);
    expect(latency.ms).toBe(75);
  });

  it('stays within bounds whatever it is told', () => {
    const latency = new StartLatency(20);
    latency.learn(-500);
    expect(latency.ms).toBe(0);
    latency.learn(10_000);
    expect(latency.ms).toBe(150);
    latency.learn(Number.NaN);
    expect(latency.ms).toBe(150);
  });
});
