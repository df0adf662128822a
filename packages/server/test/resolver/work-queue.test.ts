import { AppError } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/resolver/work-queue.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function queue(timeoutMs: number): WorkQueue {
  return new WorkQueue({ concurrency: 1, timeoutMs, maxWaiting: 10, timeoutMessage: 'too slow' });
}

describe('the work queue’s job deadline', () => {
  it('does not count the time a job holds it (a browser launch)', async () => {
    const result = await queue(300).run(async (signal, deadline) => {
      await deadline.hold(() => sleep(600));
      await sleep(50);
      return signal.aborted ? 'aborted' : 'done';
    });
    expect(result).toBe('done');
  });

  it('counts the time before and after the hold, and answers TIMEOUT', async () => {
    const started = Date.now();
    let signal: AbortSignal | undefined;
    const run = queue(300).run(async (jobSignal, deadline) => {
      signal = jobSignal;
      await sleep(200);
      await deadline.hold(() => sleep(400));
      await sleep(2_000);
      return 'done';
    });
    await expect(run).rejects.toThrow(AppError);
    await expect(run).rejects.toMatchObject({ code: 'TIMEOUT', message: 'too slow' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(650);
    expect(elapsed).toBeLessThan(2_000);
    expect(signal?.aborted).toBe(true);
  });

  it('answers TIMEOUT at the deadline even when the job ignores its signal', async () => {
    const started = Date.now();
    const run = queue(100).run(() => new Promise<never>(() => undefined));
    await expect(run).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
