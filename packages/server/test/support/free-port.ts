import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 20_000;
const ATTEMPTS = 100;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, for a process the test starts
 * later (a server, a redis-server).
 *
 * It is drawn below the kernel's ephemeral range: a port from that range (`listen(0)`) is
 * also what every outgoing connection of the parallel tests takes as its source port, so in
 * the moment between this probe and the child's own `listen` it could be taken
 * (`EADDRINUSE`, seen in CI). Below the range only another probe can pick it, at random.
 */
export async function freePort(): Promise<number> {
  const highest = ephemeralRangeStart() - 1;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (await listensFreely(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${highest} after ${ATTEMPTS} tries`);
}

/** Where the kernel starts handing out source ports (Linux; 32768 elsewhere). */
function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    const parsed = Number(low);
    return Number.isInteger(parsed) && parsed > LOWEST + 1000 ? parsed : 32_768;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 32_768;
    throw error;
  }
}

function listensFreely(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      probe.close(() => {
        resolve(true);
      });
    });
  });
}
