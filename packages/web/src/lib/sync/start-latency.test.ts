import { describe, expect, it } from 'vitest';
import { StartLatency } from './start-latency';

describe('StartLatency', () => {
  it('takes the first measurement as it is, then smooths the next ones', () => {
    const latency = new StartLatency({ initialMs: 0 });
    expect(latency.learntMs).toBeUndefined();
    latency.learn(80);
    expect(latency.ms).toBe(80);
    latency.learn(-20); // released 80 ms early, it ran 20 ms ahead: the lag was 60
    expect(latency.ms).toBe(70);
    latency.learn(10);
    expect(latency.ms).toBe(75);
    expect(latency.learntMs).toBe(75);
  });

  it('stays within bounds whatever it is told', () => {
    const latency = new StartLatency({ initialMs: 20 });
    latency.learn(-500);
    expect(latency.ms).toBe(0);
    latency.learn(10_000);
    expect(latency.ms).toBe(150);
    latency.learn(Number.NaN);
    expect(latency.ms).toBe(150);
  });

  it('starts from what this browser learnt before, and smooths the first measurement into it', () => {
    const learnt: number[] = [];
    const latency = new StartLatency({
      initialMs: 0,
      rememberedMs: 90,
      onLearnt: (ms) => learnt.push(ms),
    });
    expect(latency.ms).toBe(90);
    expect(latency.learntMs).toBe(90);
    latency.learn(10);
    expect(latency.ms).toBe(95);
    expect(learnt).toEqual([95]);
  });

  it('answers with the other latency until it has a measurement or a memory of its own', () => {
    const own = new StartLatency({ initialMs: 60 });
    const guessing = StartLatency.after(own);
    expect(guessing.ms).toBe(60);
    expect(guessing.learntMs).toBeUndefined();
    own.learn(20);
    expect(guessing.ms).toBe(80);
    const remembering = StartLatency.after(own, { rememberedMs: 110 });
    expect(remembering.ms).toBe(110);
  });
});
