import { describe, expect, it } from 'vitest';
import { INITIAL_MUTED_START_LATENCY_MS, StartLatencies } from './start-latencies';
import { INITIAL_START_LATENCY_MS, type LearntStartLatency } from './start-latency';

describe('StartLatencies', () => {
  it('guesses each kind on its own: muted starts do not wait for the audio output', () => {
    const latencies = new StartLatencies();
    expect(latencies.start(false).ms).toBe(INITIAL_START_LATENCY_MS);
    expect(latencies.start(true).ms).toBe(INITIAL_MUTED_START_LATENCY_MS);
    expect(latencies.switch(true).ms).toBe(INITIAL_MUTED_START_LATENCY_MS);
  });

  it('learns muted and sound starts apart, switches from the starts of their kind', () => {
    const latencies = new StartLatencies({ initialMs: 0 });
    latencies.start(true).learn(40);
    latencies.start(false).learn(85);
    expect(latencies.start(true).ms).toBe(40);
    expect(latencies.switch(true).ms).toBe(40);
    expect(latencies.switch(false).ms).toBe(85);
    latencies.switch(false).learn(-10);
    expect(latencies.switch(false).ms).toBe(75);
    expect(latencies.start(false).ms).toBe(85);
  });

  it('starts from what this browser remembers and keeps all four', () => {
    const saved: LearntStartLatency[] = [];
    const latencies = new StartLatencies({
      memory: {
        load: () => ({ start: 90, switch: undefined, mutedStart: 45, mutedSwitch: undefined }),
        save: (learnt) => saved.push(learnt),
      },
    });
    expect(latencies.start(false).ms).toBe(90);
    expect(latencies.switch(true).ms).toBe(45);
    latencies.switch(true).learn(0);
    expect(saved).toEqual([{ start: 90, switch: undefined, mutedStart: 45, mutedSwitch: 45 }]);
  });
});
