import { timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '@wt/protocol';
import type { RequestHandler } from 'express';
import type { OriginPolicy } from '../edge/origin-policy.js';

/**
 * What the page may use: autoplay and fullscreen for itself and TikTok's embed player,
 * sharing and the clipboard for itself, nothing else that a page could ask for.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=(self "https://www.tiktok.com")',
  'camera=()',
  'clipboard-write=(self)',
  'display-capture=()',
  'encrypted-media=(self "https://www.tiktok.com")',
  'fullscreen=(self "https://www.tiktok.com")',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'picture-in-picture=(self)',
  'usb=()',
  'web-share=(self)',
].join(', ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers of responses Express never sees (Socket.io's long-polling answers). */
export function engineHeaders(forceHttps: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    ...(forceHttps ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

export const permissionsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  next();
};

/**
 * Behind TLS (`FORCE_HTTPS`, with `TRUST_PROXY` so `req.secure` reads the proxy's
 * X-Forwarded-Proto): plain HTTP is redirected, HTTPS gets HSTS. `/health` answers on
 * either, for load balancers that probe over HTTP.
 */
export function forceHttps(): RequestHandler {
  return (req, res, next) => {
    if (req.secure) {
      res.setHeader('Strict-Transport-Security', HSTS);
      next();
      return;
    }
    if (req.path === '/health') {
      next();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(403).json({
        error: { code: ErrorCode.FORBIDDEN, message: 'Use HTTPS.' },
      });
      return;
    }
    res.redirect(308, `https://${req.get('host') ?? 'localhost'}${req.originalUrl}`);
  };
}

/**
 * An operator endpoint behind a bearer token: off (404) while no token is configured,
 * 401 for a missing or wrong one (compared in constant time).
 */
export function requireToken(token: string | undefined, realm: string): RequestHandler {
  const expected = token === undefined ? undefined : Buffer.from(token);
  return (req, res, next) => {
    if (expected === undefined) {
      res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'Nothing here.' } });
      return;
    }
    const header = req.get('authorization') ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', `Bearer realm="${realm}"`);
    res
      .status(401)
      .json({ error: { code: ErrorCode.FORBIDDEN, message: 'A valid token is needed.' } });
  };
}

/**
 * Media for the other origins of `CORS_ORIGINS`: a CORS read names the origin; a plain
 * `<video src>` load (no Origin header) is known by its Referer. Those may load it across
 * origins; for everyone else the default `Cross-Origin-Resource-Policy: same-origin` stays.
 */
export function mediaCrossOrigin(origins: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
    res.vary('Origin');
    if (origin !== undefined && origins.isListed(origin)) {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.get('origin') !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
    }
    next();
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    // A malformed Referer names no one.
    return undefined;
  }
}
