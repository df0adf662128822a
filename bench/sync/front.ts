import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** A page the front serves itself: path -> body and content type. */
export type FrontRoutes = ReadonlyMap<string, { type: string; body: string }>;

export interface Front {
  port: number;
  close(): Promise<void>;
}

/**
 * Where every page's proxy leads: the bench's own pages (the seed-style relay client) by
 * path, and everything else (the app, /media, Socket.io and its websocket) passed to the
 * app unchanged. Both clients thus load from one origin per page, as the app's pages do.
 */
export async function startFront(appPort: number, routes: FrontRoutes): Promise<Front> {
  const agent = new Agent({ keepAlive: true });
  const upgraded = new Set<Duplex>();

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = request(
      {
        host: '127.0.0.1',
        port: appPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502).end(error.message);
      else res.destroy(error);
    });
    req.pipe(upstream);
  };

  const server: Server = createServer((req, res) => {
    const own = routes.get(new URL(req.url ?? '/', 'http://front').pathname);
    if (own) {
      const headers: OutgoingHttpHeaders = {
        'content-type': own.type,
        'cache-control': 'no-store',
      };
      res.writeHead(200, headers).end(own.body);
      return;
    }
    forward(req, res);
  });

  // The websocket: the upgrade request is replayed to the app, then bytes flow both ways.
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const upstream: Socket = connect(appPort, '127.0.0.1', () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        lines.push(`${req.rawHeaders[i] ?? ''}: ${req.rawHeaders[i + 1] ?? ''}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.setNoDelay(true);
    upgraded.add(client).add(upstream);
    // A reset of either side ends the pair (a page closing its websocket).
    const reset = (): void => {
      client.destroy();
      upstream.destroy();
      upgraded.delete(client);
      upgraded.delete(upstream);
    };
    client.on('error', reset).on('close', reset);
    upstream.on('error', reset).on('close', reset);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('front has no port');
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.closeAllConnections();
        agent.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
