import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './precompress';
import { preactJsx, reactOnPreact } from './react-on-preact';

/** Where `npm start` serves the API and Socket.io during `vite` development. */
const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [precompress()],
  // React's API on Preact (react-on-preact.ts): JSX and every react / react-dom import.
  oxc: { jsx: preactJsx },
  resolve: {
    // `source` first: @wt/protocol's package.json exports it as `./src/index.ts`, so the
    // app is built from the protocol's TypeScript and never from a stale `dist`.
    conditions: ['source', ...defaultClientConditions],
    alias: reactOnPreact,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No modulepreload polyfill (every browser the app supports preloads modules itself):
    // injected into both pages (room and /admin) it would become a shared chunk, one more
    // request before the room's first paint.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The operator view (/admin) is a page of its own: nothing of it in the room's bundle.
      input: { main: 'index.html', admin: 'admin.html' },
      treeshake: {
        // The protocol is declarations only. Saying so lets the bundle drop what the
        // browser never uses (the server's zod schemas, and zod with them).
        moduleSideEffects: [
          { test: /[\\/]packages[\\/]protocol[\\/]src[\\/]/, sideEffects: false },
        ],
      },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: backend, ws: true },
      '/api': backend,
      '/media': backend,
      '/health': backend,
    },
  },
});
