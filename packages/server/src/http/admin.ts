import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ErrorCode, type AdminStats } from '@wt/protocol';
import express, { type Request, type Router } from 'express';
import { notFound } from './errors.js';

export interface AdminOptions {
  /** `ADMIN_TOKEN`; undefined: the operator view does not exist (404). */
  token: string | undefined;
  stats: () => Promise<AdminStats>;
  /** Where the web build's `admin.html` is. */
  distDir: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <token>`, compared in constant time (through equal-length digests). */
function authorized(req: Request, expected: Buffer): boolean {
  const header = req.get('authorization') ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

/** Paths of the operator view (its page, its build file, its API). */
const isAdminPath = (pathname: string): boolean =>
  pathname === '/admin' || pathname === '/admin.html' || pathname.startsWith('/admin/');

/**
 * The operator view: `/admin` is a small page of its own (a login form that keeps the
 * token in sessionStorage, then live charts), `/admin/api/stats` the JSON it polls with
 * `Authorization: Bearer`. Without `ADMIN_TOKEN` every path of it is a 404. The token is
 * never in a URL, so it never reaches an access log.
 */
export function adminRouter(options: AdminOptions): Router {
  const router = express.Router();
  const { token } = options;
  if (token === undefined) {
    router.use((req, res, next) => {
      if (isAdminPath(req.path)) notFound(req, res, next);
      else next();
    });
    return router;
  }
  const expected = digest(token);
  const page = path.join(options.distDir, 'admin.html');
  router.get(['/admin', '/admin.html'], (_req, res) => {
    if (!existsSync(page)) {
      res.status(503).json({
        error: {
          code: ErrorCode.NOT_FOUND,
          message: 'The web app is not built. Run `npm run build`.',
        },
      });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  });
  router.get('/admin/api/stats', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!authorized(req, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="admin"');
      res
        .status(401)
        .json({ error: { code: ErrorCode.FORBIDDEN, message: 'Wrong or missing token.' } });
      return;
    }
    options
      .stats()
      .then((stats) => {
        res.json(stats);
      })
      .catch(next);
  });
  router.use((req, res, next) => {
    if (isAdminPath(req.path)) notFound(req, res, next);
    else next();
  });
  return router;
}
