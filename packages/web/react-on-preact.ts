import type { Alias } from 'vite';

/**
 * The app is written against React's API and runs on Preact through `preact/compat` (about
 * 10 kB gzip where react-dom alone is 60): the room's first paint stays inside the issue's
 * JavaScript budget. Every `react` and `react-dom` import resolves to the compat layer
 * (exact names only, so no other package starting with "react" is caught). Shared by the
 * app's build (vite.config.ts) and the unit tests (the root vitest.config.ts).
 */
export const reactOnPreact: Alias[] = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
];

/** JSX compiles to Preact's runtime (the `oxc` transform's options). */
export const preactJsx = { runtime: 'automatic', importSource: 'preact' } as const;
