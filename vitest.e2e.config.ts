import { defineConfig } from 'vitest/config';

// End-to-end: the built app in a real process, driven by headless Chromium.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A page reaching a state (joined, listed, resolved) is waited for, not timed: on a busy
    // 2-core machine a join or a resolve can take several seconds. How fast things happen
    // is measured by the benchmarks, and a test that times something says so itself.
    expect: { poll: { timeout: 10_000 } },
  },
});
