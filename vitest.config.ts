import { defineConfig } from 'vitest/config';
import { preactJsx, reactOnPreact } from './packages/web/react-on-preact.js';

// Unit and integration tests. `source` makes workspace packages resolve to their
// TypeScript sources, so tests never depend on a stale build.
export default defineConfig({
  // The web app's modules import React's API, which runs on Preact (as in its build).
  oxc: { jsx: preactJsx },
  resolve: { conditions: ['source'], alias: reactOnPreact },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
