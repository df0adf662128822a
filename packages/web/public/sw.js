// The app's service worker: it keeps the app shell (index.html's hashed scripts and styles,
// the manifest and icons) so the app starts without the network and is installable.
// Never the live parts: /socket.io, /api, /media, /health, /metrics go straight to the network,
// and so do page navigations (a room's page carries the room as it is now).
const CACHE = 'wt-shell-v1';
const SHELL = [
  '/manifest.webmanifest',
  '/favicon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
];
const LIVE = /^\/(socket\.io|api|media|health|metrics)(\/|$)/;

/** The hashed bundles the current index.html names (they change with every build). */
async function shellAssets() {
  const response = await fetch('/', { cache: 'no-cache' });
  if (!response.ok) return [];
  const html = await response.text();
  return [...new Set(html.match(/\/assets\/[\w.-]+\.(?:js|css)/g) ?? [])];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...SHELL, ...(await shellAssets())]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Bundles kept from earlier builds before they are pruned (lazy chunks of this one too). */
const MAX_ASSETS = 24;

/** Once a new build's bundles pile up: drops the bundles today's index.html no longer names. */
async function pruneOldBuilds(cache) {
  const assets = (await cache.keys()).filter((key) =>
    new URL(key.url).pathname.startsWith('/assets/'),
  );
  if (assets.length <= MAX_ASSETS) return;
  const current = new Set(await shellAssets());
  for (const key of assets) {
    if (!current.has(new URL(key.url).pathname)) await cache.delete(key);
  }
}

/** Cache first for the shell: hashed assets never change, the icons rarely. */
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.mode === 'navigate') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || LIVE.test(url.pathname)) return;
  const isShell = url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname);
  if (!isShell) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok) {
        await cache.put(request, response.clone());
        if (url.pathname.startsWith('/assets/')) event.waitUntil(pruneOldBuilds(cache));
      }
      return response;
    })(),
  );
});
