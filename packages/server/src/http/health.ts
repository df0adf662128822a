import type { RequestHandler } from 'express';
import type { HealthCheck } from '../ops/health-check.js';

export type { HealthCheck };

/** `GET /health`: the seed's body; 503 `unhealthy` when a required dependency is down. */
export function healthHandler(checks: readonly HealthCheck[]): RequestHandler {
  return (_req, res, next) => {
    Promise.all(checks.map(async (c) => ({ name: c.name, up: await c.check().catch(() => false) })))
      .then((results) => {
        const down = results.filter((r) => !r.up).map((r) => r.name);
        const body = {
          status: down.length === 0 ? 'healthy' : 'unhealthy',
          timestamp: Date.now(),
          uptime: process.uptime(),
          ...(down.length > 0 ? { down } : {}),
        };
        res.status(down.length === 0 ? 200 : 503).json(body);
      })
      .catch(next);
  };
}
