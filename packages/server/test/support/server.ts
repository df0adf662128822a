import { loadConfig, type Config } from '../../src/ops/config.js';
import { createLogger } from '../../src/ops/logger.js';
import { startServer, type RunningServer, type ServerParts } from '../../src/server.js';

/** A real server on a free port, quiet, with settings overridable per test. */
export async function startTestServer(
  env: Record<string, string> = {},
  parts: ServerParts = {},
): Promise<RunningServer> {
  const config: Config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  return startServer(config, {
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    ...parts,
  });
}
