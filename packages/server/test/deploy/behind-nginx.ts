import { freePort } from '../support/free-port.js';
import { renderSite, startNginx, writePrefix } from './nginx-site.js';

export interface NginxInFront {
  /** nginx's address, e.g. `http://127.0.0.1:PORT`. */
  base: string;
  /** Stops nginx and removes its prefix. */
  stop(): Promise<void>;
}

/** Real nginx on a free port running the shipped `site`, in front of the given app ports. */
export async function startNginxInFront(
  site: string,
  appPorts: readonly number[],
): Promise<NginxInFront> {
  const port = await freePort();
  const prefix = writePrefix(renderSite(site, appPorts, port));
  try {
    const nginx = await startNginx(prefix, port);
    return {
      base: `http://127.0.0.1:${port}`,
      async stop() {
        await nginx.stop();
        prefix.remove();
      },
    };
  } catch (error: unknown) {
    prefix.remove();
    throw error;
  }
}
