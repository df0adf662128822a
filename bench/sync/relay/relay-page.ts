import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { browserScript } from '../browser-script.js';
import type { FrontRoutes } from '../front.js';
import { runRelayClient, type RelayConfig } from './relay-client.js';

export const RELAY_PATH = '/__relay/room.html';

const config: RelayConfig = { checkEveryMs: 1_000, seekBeyondSeconds: 2 };

const html = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>Seed-style relay</title>
    <link rel="icon" href="data:," />
  </head>
  <body style="margin: 0; background: #000">
    <video data-testid="video-element" playsinline preload="auto" width="360" height="640"></video>
    <script src="/__relay/socket.io.min.js"></script>
    <script src="/__relay/client.js"></script>
  </body>
</html>
`;

/** The relay page and its two scripts (Socket.io's browser build, the relay client). */
export async function relayRoutes(): Promise<FrontRoutes> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('socket.io-client/package.json'));
  const socketIo = await readFile(join(packageDir, 'dist/socket.io.min.js'), 'utf8');
  const js = 'text/javascript; charset=utf-8';
  return new Map([
    [RELAY_PATH, { type: 'text/html; charset=utf-8', body: html }],
    ['/__relay/socket.io.min.js', { type: js, body: socketIo }],
    ['/__relay/client.js', { type: js, body: browserScript(runRelayClient, config, 'io') }],
  ]);
}
